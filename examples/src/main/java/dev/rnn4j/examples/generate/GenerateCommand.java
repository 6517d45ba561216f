package dev.rnn4j.examples.generate;

import dev.rnn4j.examples.common.ExampleData;
import dev.rnn4j.examples.common.ExampleTrainingOptions;
import dev.rnn4j.examples.common.ReviewFile;
import dev.rnn4j.examples.common.TimeLimit;
import dev.rnn4j.examples.common.SentimentClassifier;
import dev.rnn4j.examples.seqtools.RunFiles;
import dev.rnn4j.examples.seqtools.TrainingMemory;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./rnn4j example generate}: one-to-many. A character GRU whose initial state is a learned vector
 * of the requested label writes NSMC-style reviews; the sentiment classifier of
 * {@code ./rnn4j example sentiment} judges them, and the share it judges as requested is the metric.
 *
 * <pre>{@code
 * ./rnn4j example sentiment                     # first: the judge, in runs/example-sentiment
 * ./rnn4j example generate                      # train the writer, write 500 reviews, judge them
 * }</pre>
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "One-to-many: a label-conditioned character GRU writes movie reviews; the sentiment example's "
                + "classifier judges them.")
public final class GenerateCommand implements Runnable {
    @Option(names = "--classifier", paramLabel = "DIR", defaultValue = "runs/example-sentiment",
            description = "the judge, trained by ./rnn4j example sentiment (default: ${DEFAULT-VALUE})")
    Path classifier;
    @Option(names = "--samples", defaultValue = "500",
            description = "reviews to write, half positive, half negative (default: ${DEFAULT-VALUE})")
    int samples;
    @Option(names = "--temperature", defaultValue = "0.7",
            description = "sampling temperature (default: ${DEFAULT-VALUE})")
    double temperature;
    @Option(names = "--max-chars", defaultValue = "60",
            description = "longest review, in training and writing; longer training reviews are skipped and counted "
                    + "(default: ${DEFAULT-VALUE})")
    int maxChars;
    @Option(names = "--embed", defaultValue = "64",
            description = "character embedding size (default: ${DEFAULT-VALUE})")
    int embed;
    @Option(names = "--hidden", defaultValue = "192", description = "GRU units (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--vocabulary", defaultValue = "1200",
            description = "most frequent characters written, the rest are unknown (default: ${DEFAULT-VALUE})")
    int vocabulary;
    @Option(names = "--label-input", defaultValue = "false", arity = "1",
            description = "true: also give the label as the first input (its start token); false: the label enters "
                    + "only through h0 (default: ${DEFAULT-VALUE})")
    boolean labelInput;
    @Mixin
    ExampleTrainingOptions training = new ExampleTrainingOptions(2, 64, 3e-3, 11);
    @Option(names = "--train-limit", defaultValue = "0",
            description = "use only the first N training reviews, 0 = all (default: ${DEFAULT-VALUE})")
    int trainLimit;
    @Option(names = "--time-limit", defaultValue = "20m",
            description = "stop training after this long, e.g. 20m, 0 = none (default: ${DEFAULT-VALUE})")
    String timeLimit;
    @Option(names = "--train", paramLabel = "FILE",
            description = "training TSV (default: data/nsmc/nsmc_derived_train.txt.gz)")
    Path trainFile;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/example-generate",
            description = "where the model, samples.tsv and metrics.json go (default: ${DEFAULT-VALUE})")
    Path out;

    /** How many of the written reviews the judge classed as requested, in all and per requested label. */
    private record Agreement(int all, int positive, int negative) {}

    /** Before reading the reviews: the vocabulary enters at its cap, --vocabulary; steps are --max-chars. */
    private void requireMemory() {
        long h = hidden, v = vocabulary;
        long params = Memory.plus(Memory.plus(Memory.times(2, h), Memory.times(v, embed)),
                Memory.plus(Memory.recurrentParameters(RecurrentKind.GRU, embed, h, 1), Memory.times(h + 1, v)));
        long perStep = Memory.plus(Memory.times(RecurrentKind.GRU.gates() + 3, h), Memory.times(3, v) + embed);
        TrainingMemory.require("a character GRU of --embed " + embed + " x --hidden " + hidden + " x --vocabulary "
                + vocabulary, params, training.batchSize(), maxChars, perStep,
                "--hidden, --vocabulary or --batch-size");
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        training.check();
        if (samples < 2 || maxChars < 1 || !(temperature > 0)) {
            throw new UserError("--samples must be >= 2, --max-chars >= 1 and --temperature > 0, got "
                    + samples + ", " + maxChars + ", " + temperature);
        }
        Flags.atLeast("--embed", embed, 1);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--vocabulary", vocabulary, 2);
        Flags.atLeast("--train-limit", trainLimit, 0);
        TimeLimit limit = TimeLimit.parse("--time-limit", timeLimit);
        requireMemory();
        OutputPaths.requireWritableDirectory("--out", out);
        ReviewFile.Reviews train = ReviewFile.read(ExampleData.fileOr(trainFile, ReviewFile.NSMC_TRAIN), trainLimit);
        SentimentClassifier judge = SentimentClassifier.load(classifier);   // before training, which takes minutes
        List<ReviewFile.Review> kept = new ArrayList<>();
        for (ReviewFile.Review r : train.reviews()) {
            if (r.text().codePointCount(0, r.text().length()) <= maxChars) kept.add(r);
        }
        System.out.printf(Locale.ROOT, "train: %,d reviews from %s; %d skipped (empty text), "
                + "%,d skipped (longer than %d characters), %,d used%n", train.reviews().size(), train.file(),
                train.skippedEmpty(), train.reviews().size() - kept.size(), maxChars, kept.size());

        CharVocabulary chars = CharVocabulary.build(ReviewFile.texts(kept), 2, vocabulary);
        ConditionedCharModel model =
                new ConditionedCharModel(chars, embed, hidden, labelInput, new Rng(training.seed()));
        long params = 0;
        for (var p : model.parameters()) params += p.size();
        System.out.printf(Locale.ROOT,
                "model: label -> h0 (2 x %d)%s, characters %d -> Embedding %d -> GRU %d -> Dense %d; %,d parameters%n",
                hidden, labelInput ? " and the label's start token as first input" : " only", chars.size(), embed,
                hidden, chars.size(), params);

        GeneratorTrainer.Outcome outcome = train(model, chars, kept, limit);
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        model.save(out);

        Agreement agree = writeAndJudge(model, judge);
        int positives = (samples + 1) / 2, negatives = samples / 2;
        double agreement = (double) agree.all() / samples, seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("example", "generate");
        metrics.put("agreement", agreement);
        metrics.put("agreement_positive", (double) agree.positive() / positives);
        metrics.put("agreement_negative", (double) agree.negative() / negatives);
        metrics.put("samples", samples);
        metrics.put("temperature", temperature);
        metrics.put("label_input", labelInput);
        metrics.put("judge", classifier.toString());
        metrics.put("judge_model", judge.modelName());
        metrics.put("train_reviews", kept.size());
        metrics.put("skipped_empty", train.skippedEmpty());
        metrics.put("skipped_too_long", train.reviews().size() - kept.size());
        metrics.put("parameters", params);
        metrics.put("epochs_run", outcome.epochsRun());
        metrics.put("steps", outcome.steps());
        metrics.put("final_loss", outcome.lastLoss());
        metrics.put("time_limit_reached", outcome.timeLimitReached());
        metrics.put("train_seconds", trainSeconds);
        metrics.put("wall_seconds", seconds);
        RunFiles.writeMetrics(out, metrics);
        System.out.printf(Locale.ROOT, "the judge agrees with the requested label on %d of %d reviews: %.1f%% "
                + "(positive %.1f%%, negative %.1f%%), %.0f s in all%n", agree.all(), samples, 100 * agreement,
                100.0 * agree.positive() / positives, 100.0 * agree.negative() / negatives, seconds);
        System.out.println("model, samples.tsv and metrics.json written to " + out);
    }

    /** Teacher-forced training on the kept reviews, each starting from its label's initial state. */
    private GeneratorTrainer.Outcome train(ConditionedCharModel model, CharVocabulary chars,
            List<ReviewFile.Review> kept, TimeLimit limit) {
        List<GeneratorTrainer.Example> examples = new ArrayList<>();
        for (ReviewFile.Review r : kept) {
            int[][] io = chars.inputsAndTargets(r.text(), r.label(), labelInput);
            examples.add(new GeneratorTrainer.Example(io[0], io[1], r.label()));
        }
        try (Progress progress = Progress.start("generate")) {
            var options = new GeneratorTrainer.Options(training.epochs(), training.batchSize(), training.lr(), 5.0,
                    limit, training.seed());
            return new GeneratorTrainer(model, options)
                    .train(examples, progress);
        }
    }

    /**
     * Writes --samples reviews, alternately positive and negative, has the judge score them, saves them to
     * samples.tsv and prints the first few of each label.
     */
    private Agreement writeAndJudge(ConditionedCharModel model, SentimentClassifier judge) {
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) labels[i] = i % 2 == 0 ? 1 : 0;
        List<String> reviews = model.generate(labels, maxChars, temperature, new Rng(training.seed() + 1));
        float[] p = judge.positiveProbabilities(reviews);
        int agree = 0, agreePos = 0, agreeNeg = 0;
        StringBuilder tsv = new StringBuilder("requested\tp_positive\treview\n");
        for (int i = 0; i < samples; i++) {
            boolean ok = (p[i] > 0.5f) == (labels[i] == 1);
            if (ok) {
                agree++;
                if (labels[i] == 1) agreePos++;
                else agreeNeg++;
            }
            tsv.append(labels[i]).append('\t').append(String.format(Locale.ROOT, "%.3f", p[i])).append('\t')
                    .append(reviews.get(i)).append('\n');
        }
        AtomicFiles.write(out.resolve("samples.tsv"), tsv.toString().getBytes(StandardCharsets.UTF_8));
        printEightFrom(0, "positive reviews written (P(positive) by the judge):", p, reviews);
        printEightFrom(1, "negative reviews written:", p, reviews);
        return new Agreement(agree, agreePos, agreeNeg);
    }

    /** Prints {@code title}, then up to eight reviews of one label: every second one from index {@code first}. */
    private void printEightFrom(int first, String title, float[] p, List<String> reviews) {
        System.out.println(title);
        for (int i = first; i < Math.min(samples, 16 + first); i += 2) {
            System.out.printf(Locale.ROOT, "  %.2f  %s%n", p[i], reviews.get(i));
        }
    }
}
