package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.Evaluation;
import dev.rnn4j.text.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code ./rnn4j eval}: how well a character model predicts a text (nats and bits per character, perplexity). */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a character model on a text.")
final class EvalCommand implements Runnable {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "a run directory or a checkpoint directory")
    Path checkpoint;
    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 text (or .gz) to evaluate on (default: the embedded tinyshakespeare)")
    Path data;
    @Option(names = "--batch-size", defaultValue = "32", description = "parallel streams (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--seq-length", defaultValue = "100", description = "characters per chunk (default: ${DEFAULT-VALUE})")
    int seqLength;
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;
    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    @Override
    public void run() {
        InputChecks.atLeast("--batch-size", batchSize, 1);
        InputChecks.atLeast("--seq-length", seqLength, 1);
        if (threads != null) InputChecks.atLeast("--threads", threads, 1);
        Threads.apply(threads);
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(checkpoint);
        Corpus corpus = Corpus.read(data);
        String source = data == null ? corpus.name() : data.toString();
        if (corpus.text().isEmpty()) throw new UserError(source + " is empty: there is nothing to evaluate");
        Vocabulary vocab = c.vocabulary();
        List<Integer> unknown = vocab.unknownCodePoints(corpus.text());
        // Characters the model never saw cannot be scored: they are left out, counted and named.
        StringBuilder known = new StringBuilder(corpus.text().length());
        long unknownCount = corpus.text().codePoints().filter(cp -> {
            if (vocab.contains(cp)) {
                known.appendCodePoint(cp);
                return false;
            }
            return true;
        }).count();
        int[] tokens = vocab.encode(known.toString());
        if (tokens.length < 2) {
            throw new UserError(source + " has " + tokens.length + " character" + (tokens.length == 1 ? "" : "s")
                    + " the model knows (" + unknownCount + " unknown: " + Vocabulary.describe(unknown)
                    + "); evaluation needs at least 2");
        }
        double nats = Evaluation.meanLoss(c.model(), tokens, batchSize, seqLength, () -> {});
        double bpc = nats / Math.log(2);
        double perplexity = Math.exp(nats);
        if (json) {
            System.out.printf(Locale.ROOT, "{\"data\":%s,\"characters\":%d,\"unknown\":%d,\"loss\":%.6f,\"bits_per_char\":%.6f,\"perplexity\":%.4f}%n",
                    SampleCommand.jsonString(corpus.name()), tokens.length, unknownCount, nats, bpc, perplexity);
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %,d characters scored%n", corpus.name(), tokens.length);
        if (unknownCount > 0) {
            System.out.printf(Locale.ROOT, "skipped %,d characters not in the model's vocabulary: %s%n", unknownCount,
                    Vocabulary.describe(unknown));
        }
        System.out.printf(Locale.ROOT, "loss %.4f nats/char, %.4f bits/char, perplexity %.3f%n", nats, bpc, perplexity);
    }
}
