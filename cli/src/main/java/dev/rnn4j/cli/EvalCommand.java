package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.Evaluation;
import dev.rnn4j.lm.InferenceModel;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.JitWarmUp;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.tool.UserError;
import dev.rnn4j.tool.ThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code ./rnn4j eval}: how well a character model predicts a text (nats and bits per character, perplexity). */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a character model on a text.")
final class EvalCommand implements Runnable {
    static final List<String> SPLITS = List.of("all", "train", "validation");

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a run directory or a checkpoint directory")
    Path checkpoint;
    @Option(names = "--data", paramLabel = "FILE",
            description = "UTF-8 text (or .gz) to evaluate on (default: the text the run was trained on, as its "
                    + "checkpoint records it)")
    Path data;
    @Option(names = "--split", defaultValue = "all", description = "all (the whole text), or the part a training run "
            + "trained on (train) or held out (validation), split as train does (default: ${DEFAULT-VALUE})")
    String split;
    @Option(names = "--val-frac", paramLabel = "F",
            description = "the fraction held out, for --split train|validation (default: the checkpoint's own)")
    Double valFrac;
    @Option(names = "--batch-size", description = "parallel streams (default: the run's own, else 32)")
    Integer batchSize;
    @Option(names = "--seq-length", description = "characters per chunk (default: the run's own, else 100)")
    Integer seqLength;
    @Option(names = "--weights", paramLabel = "PRECISION", defaultValue = "float32",
            description = "weights to score with: float32 (as trained), bf16, or int8 (per-row scales), "
                    + "as sample --weights (default: ${DEFAULT-VALUE})")
    String weights;
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public void run() {
        InputChecks.oneOf("--split", split, SPLITS);
        String part = split.toLowerCase(Locale.ROOT);
        if (valFrac != null) {
            if (part.equals("all")) {
                throw new UserError("--val-frac says where --split train or validation cuts the text: add --split "
                        + "validation (or train), or drop --val-frac");
            }
            InputChecks.inRange("--val-frac", valFrac, 0, false, 0.5, false);
        }
        if (batchSize != null) InputChecks.atLeast("--batch-size", batchSize, 1);
        if (seqLength != null) InputChecks.atLeast("--seq-length", seqLength, 1);
        threads.check();
        InputChecks.oneOf("--weights", weights, SampleCommand.PRECISIONS);
        WeightPrecision precision = WeightPrecision.parse(weights);
        threads.apply();
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(checkpoint);
        Corpus corpus = RunText.of(c, data);
        String source = data == null ? corpus.name() : data.toString();
        if (corpus.text().isEmpty()) {
            throw new UserError(source
                    + " is empty: there is nothing to evaluate; pass a text file with something in it");
        }
        // The whole text, or a split at a given --val-frac, needs only what the model file says; otherwise a
        // checkpoint older than that copy has its recipe read from its training file.
        TrainConfig trained = part.equals("all") || valFrac != null ? c.trainConfig()
                : CharLmCheckpoint.readTrainConfig(c);
        double heldOut = part.equals("all") ? 0 : heldOutFraction(trained, c, part);
        String text = part(corpus.text(), part, heldOut);
        String what = part.equals("all") ? corpus.name()
                : corpus.name() + ", " + part + " part (" + describe(part, heldOut) + ")";
        if (!part.equals("all") && isOtherText(c, corpus)) {   // its "validation part" would mean nothing
            throw new UserError("--split " + part + " scores the part of the run's own text it " + (part.equals("train")
                    ? "trained on" : "held out") + ", but --data " + data + " is not that text (the run was trained on "
                    + (c.text() != null && c.text().path() != null ? c.text().path() : "'" + c.dataName() + "'")
                    + "): drop --data to use the run's text, or drop --split to score this text whole");
        }
        KnownText knownText = KnownText.of(c.vocabulary(), text);
        List<Integer> unknown = knownText.unknown();
        long unknownCount = knownText.unknownCount();
        int[] tokens = knownText.tokens();
        if (tokens.length < 2) {
            throw new UserError((part.equals("all") ? source : source + "'s " + part + " part") + " has "
                    + tokens.length + " character" + (tokens.length == 1 ? "" : "s") + " the model knows"
                    + (unknownCount > 0 ? " (" + unknownCount + " unknown: " + Vocabulary.describe(unknown) + ")" : "")
                    + "; evaluation needs at least 2"
                    + (part.equals("all") ? "" : ": use a longer text or another --val-frac"));
        }
        // The run's own streams and chunk length by default, so --split validation repeats the run's figure.
        int streams = batchSize != null ? batchSize : trained != null ? trained.batchSize() : 32;
        int chunk = seqLength != null ? seqLength : trained != null ? trained.seqLength() : 100;
        long predictions = Evaluation.predictions(tokens.length, streams, chunk);
        double nats = score(c, precision, tokens, streams, chunk, predictions);
        double bpc = nats / Math.log(2);
        double perplexity = Math.exp(nats);
        if (json) {
            String cut = part.equals("all") ? "" : String.format(Locale.ROOT, ",\"val_frac\":%s", heldOut);
            System.out.printf(Locale.ROOT, "{\"data\":%s,\"split\":\"%s\"%s,\"weights\":\"%s\",\"characters\":%d,"
                            + "\"predictions\":%d,\"unknown\":%d,\"loss\":%.6f,\"bits_per_char\":%.6f,"
                            + "\"perplexity\":%.4f}%n",
                    SampleCommand.jsonString(corpus.name()), part, cut, precision.label(), tokens.length, predictions,
                    unknownCount, nats, bpc, perplexity);
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %,d characters, %,d next-character predictions scored%n", what,
                tokens.length, predictions);
        if (unknownCount > 0) {
            System.out.printf(Locale.ROOT, "skipped %,d characters not in the model's vocabulary: %s%n", unknownCount,
                    Vocabulary.describe(unknown));
        }
        if (precision != WeightPrecision.FLOAT32) System.out.printf("weights: %s%n", precision.label());
        System.out.printf(Locale.ROOT, "loss %.4f nats/char, %.4f bits/char, perplexity %.3f%n", nats, bpc, perplexity);
    }

    /**
     * The mean loss, with a progress bar (plain lines on a pipe only past a few seconds) and one kernel thread fewer
     * while the JIT compiles. Reduced weights run through the generation path (one character per step), which reads
     * them as stored.
     */
    private static double score(CharLmCheckpoint.Loaded c, WeightPrecision precision, int[] tokens, int streams,
                                int chunk, long predictions) {
        long start = System.nanoTime();
        try (Progress progress = Progress.startQuiet("eval")) {
            JitWarmUp warmUp = JitWarmUp.begin();
            Evaluation.ChunkListener shown = (done, total) -> {
                warmUp.afterStep();
                double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                progress.update((double) done / total, String.format(Locale.ROOT, "%s chars/s",
                        RunListener.compact(predictions * done / total / seconds)));
            };
            try {
                return precision == WeightPrecision.FLOAT32
                        ? Evaluation.meanLoss(c.model(), tokens, streams, chunk, () -> {}, shown)
                        : Evaluation.meanLoss(InferenceModel.of(c.model(), precision), tokens, streams, chunk, shown);
            } finally {
                warmUp.finish();
            }
        }
    }

    /**
     * A text's characters the model knows, as tokens, and those it does not: characters the model never saw cannot be
     * scored, so they are left out, counted and named ({@code eval} and {@code serve}'s {@code /v1/score}).
     */
    record KnownText(int[] tokens, long unknownCount, List<Integer> unknown) {
        static KnownText of(Vocabulary vocab, String text) {
            StringBuilder known = new StringBuilder(text.length());
            long unknownCount = text.codePoints().filter(cp -> {
                if (vocab.contains(cp)) {
                    known.appendCodePoint(cp);
                    return false;
                }
                return true;
            }).count();
            return new KnownText(vocab.encode(known.toString()), unknownCount, vocab.unknownCodePoints(text));
        }
    }

    /** Whether {@code corpus} is not the text the run of {@code c} was trained on, as far as the checkpoint says. */
    private static boolean isOtherText(CharLmCheckpoint.Loaded c, Corpus corpus) {
        if (c.text() != null) return !c.text().sha256().equals(corpus.sha256());
        return c.dataName() != null && !corpus.name().equals(c.dataName());
    }

    /** {@code --val-frac}, else the fraction the checkpoint's run held out. */
    private double heldOutFraction(TrainConfig trained, CharLmCheckpoint.Loaded c, String part) {
        if (valFrac != null) return valFrac;
        if (trained == null) {
            throw new UserError("--split " + part + " needs the fraction of the text the run held out, but " + c.dir()
                    + " does not say how it was trained: pass --val-frac F (train's default is 0.05)");
        }
        return trained.valFrac();
    }

    /**
     * The part of {@code text} a run holding out {@code valFrac} trained on or validated on: cut at the same
     * code point as {@link CharCorpus#of}, before unknown characters are dropped, so that on the run's own text
     * the validation part is exactly what the run scored.
     */
    static String part(String text, String part, double valFrac) {
        if (part.equals("all")) return text;
        int n = text.codePointCount(0, text.length());
        int cut = text.offsetByCodePoints(0, n - CharCorpus.heldOut(n, valFrac));
        return part.equals("train") ? text.substring(0, cut) : text.substring(cut);
    }

    private static String describe(String part, double valFrac) {
        return part.equals("train") ? "the first " + InputChecks.number(100 * (1 - valFrac)) + "% of the text"
                : "the last " + InputChecks.number(100 * valFrac) + "% of the text";
    }
}
