package dev.rnn4j.examples.sentiment;

import dev.rnn4j.keras.SummaryStyle;
import dev.rnn4j.examples.common.ExampleData;
import dev.rnn4j.examples.common.ExampleTrainingOptions;
import dev.rnn4j.examples.common.ReviewEncoder;
import dev.rnn4j.examples.common.ReviewFile;
import dev.rnn4j.examples.common.SentimentModel;
import dev.rnn4j.examples.common.TimeLimit;
import dev.rnn4j.examples.seqtools.RunFiles;
import dev.rnn4j.examples.seqtools.TrainingMemory;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./rnn4j example sentiment}: many-to-one. NSMC movie reviews (Korean) classified positive or
 * negative; a model of our choice ({@code bigru}, the default) or the IMDB-style Keras model exactly
 * ({@code --model keras-imdb}, formerly {@code seed003}), trained the same way. Writes the model (safetensors + JSON)
 * and {@code metrics.json} to {@code --out}.
 *
 * <pre>{@code
 * ./rnn4j example sentiment                         # bigru, about 30 minutes on 2 cores
 * ./rnn4j example sentiment --model keras-imdb
 * ./rnn4j example sentiment --train-limit 2000 --test-limit 500 --epochs 1   # a quick look
 * }</pre>
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Many-to-one: NSMC review sentiment with a bidirectional GRU over syllables and bigrams, or the "
                + "IMDB-style Keras SimpleRNN model.")
public final class SentimentCommand implements Runnable {
    @Option(names = "--model", defaultValue = "bigru",
            description = "bigru (syllable+bigram embedding, BiGRU, max-pool) or keras-imdb (Embedding 10000x32, "
                    + "SimpleRNN 32, Dense sigmoid; seed003 is its old name) (default: ${DEFAULT-VALUE})")
    String modelName;
    @Mixin
    ExampleTrainingOptions training = new ExampleTrainingOptions(3, 64, 2e-3, 7);
    @Option(names = "--lr-decay", defaultValue = "1.0",
            description = "multiply the learning rate by this after every epoch (default: ${DEFAULT-VALUE})")
    double lrDecay;
    @Option(names = "--embed", defaultValue = "64", description = "bigru: embedding size (default: ${DEFAULT-VALUE})")
    int embed;
    @Option(names = "--hidden", defaultValue = "64",
            description = "bigru: GRU units per direction (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--dropout", defaultValue = "0.3",
            description = "bigru: dropout before the Dense layer (default: ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--recurrent-dropout", defaultValue = "0", paramLabel = "RATE",
            description = "Keras's recurrent_dropout in the GRU (bigru) or SimpleRNN (keras-imdb): in training, "
                    + "h(t-1) times a mask drawn per review (default: ${DEFAULT-VALUE})")
    double recurrentDropout;
    @Option(names = "--max-length", paramLabel = "N", description = "longest review in steps, longer ones are cut "
            + "(default: 100 syllables for bigru, 40 words for keras-imdb)")
    Integer maxLength;
    @Option(names = "--train-limit", defaultValue = "0",
            description = "use only the first N training reviews, 0 = all (default: ${DEFAULT-VALUE})")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0",
            description = "use only the first N test reviews, 0 = all (default: ${DEFAULT-VALUE})")
    int testLimit;
    @Option(names = "--validation", defaultValue = "5000",
            description = "training reviews held out to pick the best epoch (default: ${DEFAULT-VALUE})")
    int validation;
    @Option(names = "--time-limit", defaultValue = "28m",
            description = "stop training after this long, e.g. 28m, 1h, 0 = none (default: ${DEFAULT-VALUE})")
    String timeLimit;
    @Option(names = "--train", paramLabel = "FILE", description =
            "training TSV id<TAB>document<TAB>label, .gz allowed (default: data/nsmc/nsmc_derived_train.txt.gz)")
    Path trainFile;
    @Option(names = "--test", paramLabel = "FILE",
            description = "test TSV (default: data/nsmc/nsmc_derived_test.txt.gz)")
    Path testFile;
    @Option(names = "--out", paramLabel = "DIR",
            description = "where the model and metrics.json go (default: runs/example-sentiment, or "
                    + "runs/example-sentiment-keras-imdb)")
    Path out;

    @Override
    public void run() {
        long started = System.nanoTime();
        SentimentModel.Config config = new SentimentModel.Config(modelName, embed, hidden, dropout, recurrentDropout,
                training.seed());
        boolean kerasImdb = config.kerasImdb();
        TimeLimit limit = TimeLimit.parse("--time-limit", timeLimit);
        checkFlags();
        requireMemory(kerasImdb);
        Path outDir = out != null ? out
                : Path.of(kerasImdb ? "runs/example-sentiment-keras-imdb" : "runs/example-sentiment");
        OutputPaths.requireWritableDirectory("--out", outDir);

        ReviewFile.Reviews train = ReviewFile.read(ExampleData.fileOr(trainFile, ReviewFile.NSMC_TRAIN), trainLimit);
        ReviewFile.Reviews test = ReviewFile.read(ExampleData.fileOr(testFile, ReviewFile.NSMC_TEST), testLimit);
        int held = Math.min(validation, train.reviews().size() / 5);
        List<ReviewFile.Review> fit = train.reviews().subList(0, train.reviews().size() - held);
        List<ReviewFile.Review> val = train.reviews().subList(fit.size(), train.reviews().size());
        System.out.printf(Locale.ROOT, "train: %,d reviews (%,d positive) from %s, %d skipped (empty text); "
                + "%,d of them held out for validation%n",
                train.reviews().size(), train.positives(), train.file(), train.skippedEmpty(), held);
        System.out.printf(Locale.ROOT, "test:  %,d reviews (%,d positive) from %s, %d skipped (empty text)%n",
                test.reviews().size(), test.positives(), test.file(), test.skippedEmpty());

        List<String> fitTexts = ReviewFile.texts(fit);
        ReviewEncoder encoder = kerasImdb
                ? ReviewEncoder.kerasWords(fitTexts, 10_000, maxLength != null ? maxLength : 40)
                : ReviewEncoder.syllableBigrams(fitTexts, 3, 60_000, maxLength != null ? maxLength : 100);
        SentimentModel model = new SentimentModel(config, encoder);
        System.out.printf(Locale.ROOT, "tokens: %s, %,d in the vocabulary%n", encoder.kind(), encoder.tokens().size());
        model.network.printSummary(System.out, SummaryStyle.KERAS2);   // the TF2 table seed 003 shows

        SentimentTrainer trainer = new SentimentTrainer(model,
                new SentimentTrainer.Options(training.epochs(), training.batchSize(), training.lr(), lrDecay, 5.0,
                        limit, training.seed()));
        SentimentTrainer.Outcome outcome;
        try (Progress progress = Progress.start("sentiment")) {
            outcome = trainer.train(encode(encoder, fit), encode(encoder, val), progress);
        }
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        SentimentTrainer.Scores scores = trainer.evaluate(encode(encoder, test.reviews()));
        double seconds = (System.nanoTime() - started) / 1e9;

        model.save(outDir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("example", "sentiment");
        metrics.put("model", config.model());
        metrics.put("test_accuracy", scores.accuracy());
        metrics.put("test_loss", scores.loss());
        metrics.put("test_reviews", test.reviews().size());
        metrics.put("train_reviews", fit.size());
        metrics.put("validation_reviews", held);
        metrics.put("skipped_empty_train", train.skippedEmpty());
        metrics.put("skipped_empty_test", test.skippedEmpty());
        metrics.put("parameters", model.parameterCount());
        metrics.put("lr", training.lr());
        metrics.put("lr_decay", lrDecay);
        metrics.put("epochs_run", outcome.epochsRun());
        metrics.put("best_epoch", outcome.bestEpoch());
        metrics.put("time_limit_reached", outcome.timeLimitReached());
        metrics.put("train_loss", outcome.trainLoss());
        metrics.put("val_accuracy", outcome.valAccuracy());
        metrics.put("train_seconds", trainSeconds);
        metrics.put("wall_seconds", seconds);
        metrics.put("threads", Runtime.getRuntime().availableProcessors());
        RunFiles.writeMetrics(outDir, metrics);
        System.out.printf(Locale.ROOT,
                "test accuracy %.4f (loss %.4f) on %,d reviews, best epoch %d of %d, %.0f s in all%n",
                scores.accuracy(), scores.loss(), test.reviews().size(), outcome.bestEpoch(),
                outcome.epochsRun(), seconds);
        System.out.println("model and metrics.json written to " + outDir);
    }

    /** Every numeric flag in its range before any file is read. */
    /** Before reading the reviews: the bigru vocabulary enters at its cap, 60,000 tokens. */
    private void requireMemory(boolean kerasImdb) {
        long steps = maxLength != null ? maxLength : kerasImdb ? 40 : 100;
        if (kerasImdb) {   // Embedding(10000, 32), SimpleRNN(32), Dense(1): only the batch can be too large
            long params = 10_000L * 32 + Memory.recurrentParameters(RecurrentKind.RNN, 32, 32, 1) + 33;
            TrainingMemory.require("the keras-imdb model", params, training.batchSize(), steps, 4 * 32,
                    "--batch-size");
            return;
        }
        long vocabulary = 60_000, h = hidden;
        long params = Memory.plus(Memory.plus(Memory.times(vocabulary, embed),
                Memory.recurrentParameters(RecurrentKind.GRU, embed, h, 1, true)), 2 * h + 1);
        TrainingMemory.require("a BiGRU of --embed " + embed + " x --hidden " + hidden, params,
                training.batchSize(), steps, embed + 2 * (RecurrentKind.GRU.gates() + 3) * h,
                "--hidden, --embed or --batch-size");
    }

    private void checkFlags() {
        Flags.oneOf("--model", modelName, List.of("bigru", "keras-imdb", "seed003"));
        training.check();
        Flags.inRange("--lr-decay", lrDecay, 0, false, 1, true);
        Flags.atLeast("--embed", embed, 1);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.inRange("--dropout", dropout, 0, true, 1, false);
        Flags.inRange("--recurrent-dropout", recurrentDropout, 0, true, 1, false);
        if (maxLength != null) Flags.atLeast("--max-length", maxLength, 1);
        Flags.atLeast("--train-limit", trainLimit, 0);
        Flags.atLeast("--test-limit", testLimit, 0);
        Flags.atLeast("--validation", validation, 0);
    }

    private static SentimentTrainer.Data encode(ReviewEncoder encoder, List<ReviewFile.Review> reviews) {
        List<int[]> ids = new ArrayList<>(reviews.size());
        int[] labels = new int[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            ids.add(encoder.encode(reviews.get(i).text()));
            labels[i] = reviews.get(i).label();
        }
        return new SentimentTrainer.Data(ids, labels);
    }
}
