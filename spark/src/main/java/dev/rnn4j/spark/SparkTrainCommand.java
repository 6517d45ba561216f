package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.Optimizers;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.UserError;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code rnn4j spark train}: {@code train}'s flags, run data-parallel on Spark; the same run directory, and with
 * the same flags the same loss curve as on one machine.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character LM data-parallel on Spark: each step every partition computes the gradient "
                + "of its share of the batch's streams, the parts are added in a fixed tree over the partition index, "
                + "and the driver steps the optimizer.",
                "Takes train's flags; writes the same run directory (checkpoints, metrics.jsonl, --resume)."})
final class SparkTrainCommand implements Runnable {
    @Option(names = "--master",
            description = "Spark master: local[N], spark://HOST:7077 (default: spark-submit's, else local[*])")
    String master;
    @Option(names = "--partitions", description = "partitions of the batch's streams (default: the cluster's cores)")
    Integer partitions;
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting (repeatable)")
    List<String> conf = new ArrayList<>();
    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "UTF-8 text (or .gz): a path or a Hadoop URI (hdfs://, s3a://, file://)")
    String data;
    @Option(names = "--cell", defaultValue = "lstm", description = "lstm, gru or rnn (default: ${DEFAULT-VALUE})")
    String cell;
    @Option(names = "--hidden", defaultValue = "256", description = "hidden size (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--embedding-size", paramLabel = "E",
            description = "width of the character embeddings (default: the hidden size)")
    Integer embeddingSize;
    @Option(names = "--proj-size", paramLabel = "P", defaultValue = "0",
            description = "lstm only: project h to this size, below --hidden, as PyTorch's proj_size; "
                    + "0 = none (default: ${DEFAULT-VALUE})")
    int projSize;
    @Option(names = "--layers", defaultValue = "2", description = "recurrent layers (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--dropout", defaultValue = "0",
            description = "dropout in [0, 1); each partition draws its own masks (default: ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--seq-length", defaultValue = "100",
            description = "characters per BPTT chunk (default: ${DEFAULT-VALUE})")
    int seqLength;
    @Option(names = "--batch-size", defaultValue = "32",
            description = "parallel streams, over all partitions (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--optimizer", defaultValue = "adam",
            description = "adam, adamw, rmsprop, adagrad or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--lr", defaultValue = "2e-3", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--lr-decay", defaultValue = "1.0",
            description = "per-epoch lr factor after --lr-decay-after (default: ${DEFAULT-VALUE})")
    double lrDecay;
    @Option(names = "--lr-decay-after", defaultValue = "10",
            description = "epoch at which decay starts (default: ${DEFAULT-VALUE})")
    int lrDecayAfter;
    @Option(names = "--lr-schedule", defaultValue = "step", description = "step or cosine (default: ${DEFAULT-VALUE})")
    String lrSchedule;
    @Option(names = "--min-lr", defaultValue = "0",
            description = "where --lr-schedule cosine ends (default: ${DEFAULT-VALUE})")
    double minLr;
    @Option(names = "--warmup", defaultValue = "0", description = "linear warm-up steps (default: ${DEFAULT-VALUE})")
    long warmup;
    @Option(names = "--weight-decay",
            description = "the optimizer's weight decay (default: 0.01 for adamw, 0 for the others)")
    Double weightDecay;
    @Option(names = "--grad-clip", defaultValue = "5",
            description = "clip the gradient norm to this, 0 = off (default: ${DEFAULT-VALUE})")
    double gradClip;
    @Option(names = "--max-epochs", defaultValue = "0", description = "stop after this many epochs, 0 = no limit")
    int maxEpochs;
    @Option(names = "--max-steps", defaultValue = "0", description = "stop after this many steps, 0 = no limit")
    long maxSteps;
    @Option(names = "--time-limit", paramLabel = "DURATION",
            description = "stop after this long, e.g. 20m, 1h30m, 90s (default: 20m unless --max-epochs or "
            + "--max-steps)")
    String timeLimit;
    @Option(names = "--val-frac", defaultValue = "0.05",
            description = "fraction held out for validation (default: ${DEFAULT-VALUE})")
    double valFrac;
    @Option(names = "--eval-every", defaultValue = "500",
            description = "validate every N steps, 0 = every epoch (default: ${DEFAULT-VALUE})")
    int evalEvery;
    @Option(names = "--checkpoint-every", defaultValue = "0",
            description = "checkpoint every N steps, 0 = at each validation (default: ${DEFAULT-VALUE})")
    int checkpointEvery;
    @Option(names = "--keep-all", description = "keep every checkpoint, not only latest and best")
    boolean keepAll;
    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<data>-<cell>-spark)")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "continue a run (from train or spark train) exactly")
    Path resume;
    @Option(names = "--seed", defaultValue = "42",
            description = "seed for initialisation and dropout (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--print-every", defaultValue = "10",
            description = "print the loss every N steps (default: ${DEFAULT-VALUE})")
    int printEvery;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        checkNumbers();
        CharLmCheckpoint.Loaded resumed = resume == null ? null : loadResumable(resume);
        if (resumed == null) requireMemory(1);   // the text's vocabulary is not known yet: at least this much
        SparkPaths.requireInput("--data", data, false);
        if (out != null) dev.rnn4j.tool.OutputPaths.requireWritableDirectory("--out", out);
        SparkSession session = SparkSessions.start(master, "rnn4j train", conf);
        try {
            SparkCorpus corpus = SparkCorpus.read(SparkSessions.context(session), data);
            train(session, corpus, resumed);
        } finally {
            session.stop();
        }
    }

    private void train(SparkSession session, SparkCorpus corpus, CharLmCheckpoint.Loaded resumed) {
        CharLanguageModel model;
        Vocabulary vocabulary;
        TrainConfig config;
        Path runDir;
        if (resumed != null) {
            requireSameSetup(resumed);
            List<Integer> unknown = IntStream.of(corpus.vocabulary().codePoints())
                    .filter(cp -> !resumed.vocabulary().contains(cp)).boxed().toList();
            if (!unknown.isEmpty() || !corpus.name().equals(resumed.dataName())) {
                throw new IllegalArgumentException("--resume needs the text the run was trained on ('"
                        + resumed.dataName()
                        + "'), got '" + corpus.name() + "'" + (unknown.isEmpty() ? ""
                        : " with characters the checkpoint "
                        + "lacks: " + Vocabulary.describe(unknown)));
            }
            model = resumed.model();
            vocabulary = resumed.vocabulary();
            TrainConfig saved = resumed.trainConfig();
            config = saved.withLimits(maxEpochs > 0 ? maxEpochs : saved.maxEpochs(), maxSteps > 0 ? maxSteps
                    : saved.maxSteps(),
                    limit(saved.timeLimit()));
            runDir = out != null ? out : resumed.dir().toAbsolutePath().getParent();
        } else {
            vocabulary = corpus.vocabulary();
            String name = optimizer.toLowerCase(Locale.ROOT);
            config = new TrainConfig(batchSize, seqLength, name, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs,
                    maxSteps,
                    limit(Duration.ofMinutes(20)), valFrac, evalEvery, checkpointEvery, seed)
                    .withSchedule(new TrainConfig.Schedule(lrSchedule.toLowerCase(Locale.ROOT), minLr, warmup, 0))
                    .withWeightDecay(weightDecay != null ? weightDecay : Optimizers.defaultWeightDecay(name));
            requireMemory(vocabulary.size());
            model = new CharLanguageModel(modelConfig(vocabulary.size()));
            runDir = out != null ? out : Path.of("runs", corpus.name() + "-" + cell.toLowerCase(Locale.ROOT)
                    + "-spark");
            requireNoRun(runDir);
        }
        int parts = partitions != null ? partitions : session.sparkContext().defaultParallelism();
        try (SparkTraining run = SparkTraining.create(SparkSessions.context(session), corpus, vocabulary, model, config,
                parts)) {
            CharLmTrainer trainer = run.trainer();
            if (resumed != null) trainer.restore(resumed.snapshot());
            config = trainer.config();
            System.out.printf(Locale.ROOT, "data: %s, %,d characters, vocabulary %d; %d partitions on %s%n",
                    corpus.name(),
                    corpus.length(), vocabulary.size(), parts, session.sparkContext().master());
            System.out.printf(Locale.ROOT, "model: %s %dx%d; batch %d x %d, %d batches/epoch; run directory %s%s%n",
                    model.config().cell(), model.config().numLayers(), model.config().hiddenSize(), config.batchSize(),
                    config.seqLength(), trainer.batchesPerEpoch(), runDir, trainer.step() > 0 ? " (resuming at step "
                            + trainer.step() + ")" : "");
            CharLmTrainer.StopReason reason;
            try (SparkRunListener listener = new SparkRunListener(runDir, model, vocabulary, config, corpus.name(),
                    resumed == null ? -1 : trainer.step(), keepAll, printEvery)) {
                reason = trainer.run(listener);
                if (reason == CharLmTrainer.StopReason.DIVERGED) {
                    throw new UserError("training diverged at step " + trainer.divergence().step() + " ("
                            + trainer.divergence().quantity() + " " + trainer.divergence().value()
                            + "); train again with a "
                            + "lower --lr or --grad-clip" + (listener.lastCheckpoint() == null ? "" : "; the last good "
                            + "checkpoint is kept: " + listener.lastCheckpoint()));
                }
            }
            StepTimes t = run.gradients().times();
            String stopped = String.format(Locale.ROOT, "stopped (%s) at step %d, epoch %d",
                    reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), trainer.step(), trainer.epoch());
            if (t.steps() == 0) {
                // Every step of this run was a warm-up step: there is no steady-state time to report.
                System.out.printf(Locale.ROOT, "%s; no step timed (the first %d of a run are warm-up)%n", stopped,
                        StepTimes.WARM_UP);
            } else {
                System.out.printf(Locale.ROOT, "%s; %.1f ms per step over %d timed steps: %.1f computing (slowest "
                                + "partition), %.1f Spark overhead (driver %.1f, job scheduling and transfer %.1f, "
                                + "sum %.1f)%n", stopped, t.stepMillis(), t.steps(), t.computeMillis(),
                        t.overheadMillis(), t.broadcastMillis(), t.jobMillis() - t.computeMillis(), t.sumMillis());
            }
            System.out.println("next: ./rnn4j sample --checkpoint " + runDir);
        }
    }

    /** Every number in its range, before anything starts (the ranges {@code train} takes). */
    private void checkNumbers() {
        Flags.atLeast("--batch-size", batchSize, 1);
        Flags.atLeast("--seq-length", seqLength, 1);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--layers", layers, 1);
        Flags.atLeast("--print-every", printEvery, 1);
        if (partitions != null) Flags.atLeast("--partitions", partitions, 1);
        if (embeddingSize != null) Flags.atLeast("--embedding-size", embeddingSize, 1);
        Flags.atLeast("--proj-size", projSize, 0);
        Flags.atLeast("--max-steps", maxSteps, 0);
        Flags.atLeast("--max-epochs", maxEpochs, 0);
        Flags.atLeast("--eval-every", evalEvery, 0);
        Flags.atLeast("--checkpoint-every", checkpointEvery, 0);
        Flags.atLeast("--lr-decay-after", lrDecayAfter, 0);
        Flags.atLeast("--warmup", warmup, 0);
        Flags.positive("--lr", lr);
        Flags.positive("--lr-decay", lrDecay);
        Flags.inRange("--min-lr", minLr, 0, true, Double.POSITIVE_INFINITY, false);
        Flags.inRange("--dropout", dropout, 0, true, 1, false);
        Flags.inRange("--val-frac", valFrac, 0, false, 1, false);
        Flags.inRange("--grad-clip", gradClip, 0, true, Double.POSITIVE_INFINITY, false);
        if (weightDecay != null) Flags.inRange("--weight-decay", weightDecay, 0, true, Double.POSITIVE_INFINITY, false);
        kind(cell);
        Flags.oneOf("--optimizer", optimizer, List.of("adam", "adamw", "rmsprop", "adagrad", "sgd"));
        Flags.oneOf("--lr-schedule", lrSchedule, List.of("step", "cosine"));
        if (timeLimit != null) parseDuration(timeLimit);
        SparkSessions.checkMaster(master);
    }

    /**
     * Stops before the model is built when it does not fit: a weight matrix beyond a Java array, or the driver's
     * weights, gradients and optimizer state beyond its heap (the executors hold a replica and their streams).
     */
    private void requireMemory(int vocabularySize) {
        RecurrentKind kind = kind(cell);
        long largest = Memory.largestCharLmTensor(kind, vocabularySize, hidden);
        if (largest > Memory.MAX_ARRAY) {
            throw new UserError(String.format(Locale.ROOT, "--hidden %d makes a weight matrix of %,d numbers, more "
                    + "than a Java array holds (%,d): lower --hidden", hidden, largest, Memory.MAX_ARRAY));
        }
        long params = Memory.charLmParameters(kind, vocabularySize, hidden, layers);
        Memory.require(String.format(Locale.ROOT, "the driver's copy of a %s of --hidden %d x --layers %d (%,d "
                        + "parameters) and its optimizer state", kind, hidden, layers, params),
                Memory.trainingBytes(params, Memory.optimizerSlots(optimizer.toLowerCase(Locale.ROOT)), 0, 0),
                "--hidden or --layers");
    }

    /** The model the flags describe; the config names what is wrong (proj size of a GRU, ...). */
    private CharLmConfig modelConfig(int vocabSize) {
        CharLmConfig c = new CharLmConfig(kind(cell), vocabSize, hidden, layers, (float) dropout, seed);
        try {
            if (embeddingSize != null) c = c.withEmbeddingSize(embeddingSize);
            return projSize > 0 ? c.withProjSize(projSize) : c;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("proj size", "--proj-size")
                    .replace("hidden size", "--hidden"));
        }
    }

    private static CharLmCheckpoint.Loaded loadResumable(Path dir) {
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(dir);
        if (c.snapshot() == null) {
            throw new IllegalArgumentException(c.dir()
                    + " holds weights only (no training state): resume the run it came from");
        }
        return c;
    }

    /** A resumed run keeps its recipe: a flag given with another value would be ignored, so it is an error. */
    private void requireSameSetup(CharLmCheckpoint.Loaded c) {
        CharLmConfig m = c.model().config();
        TrainConfig t = c.trainConfig();
        List<String> changed = new ArrayList<>();
        differs(changed, "--cell", m.recurrentName(), cell.toLowerCase(Locale.ROOT));
        differs(changed, "--hidden", m.hiddenSize(), hidden);
        differs(changed, "--layers", m.numLayers(), layers);
        differs(changed, "--embedding-size", m.embeddingSize(), embeddingSize);
        differs(changed, "--proj-size", m.projSize(), projSize);
        differs(changed, "--dropout", m.dropout(), (float) dropout);
        differs(changed, "--seq-length", t.seqLength(), seqLength);
        differs(changed, "--batch-size", t.batchSize(), batchSize);
        differs(changed, "--optimizer", t.optimizer(), optimizer.toLowerCase(Locale.ROOT));
        differs(changed, "--lr", t.lr(), lr);
        differs(changed, "--grad-clip", t.gradClip(), gradClip);
        differs(changed, "--val-frac", t.valFrac(), valFrac);
        differs(changed, "--eval-every", t.evalEvery(), evalEvery);
        differs(changed, "--seed", t.seed(), seed);
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("--resume continues a run exactly as it was set up, but "
                    + String.join(", ", changed) + "; drop those flags, or start a new run with another --out");
        }
    }

    private void differs(List<String> changed, String flag, Object saved, Object given) {
        if (spec != null && spec.commandLine().getParseResult().hasMatchedOption(flag) && !saved.equals(given)) {
            changed.add(flag + " is " + given + " where the run has " + saved);
        }
    }

    private static void requireNoRun(Path dir) {
        try (var entries = Files.exists(dir) ? Files.list(dir) : null) {
            if (entries != null && entries.findAny().isPresent()) {
                throw new IllegalArgumentException(dir + " already holds a run: continue it with --resume " + dir
                        + ", or pass another --out");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private Duration limit(Duration whenUnset) {
        if (timeLimit != null) return parseDuration(timeLimit);
        return maxEpochs > 0 || maxSteps > 0 ? Duration.ZERO : whenUnset;
    }

    /** {@code 90s}, {@code 20m}, {@code 1h30m}, or {@code 0}. */
    static Duration parseDuration(String s) {
        if (s.equals("0")) return Duration.ZERO;
        try {
            return Duration.parse("PT" + s.toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--time-limit '" + s
                    + "' is not a duration; use e.g. 90s, 20m or 1h30m");
        }
    }

    static RecurrentKind kind(String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "lstm" -> RecurrentKind.LSTM;
            case "gru" -> RecurrentKind.GRU;
            case "rnn" -> RecurrentKind.RNN;
            default -> throw new IllegalArgumentException("unknown --cell '" + cell + "': use lstm, gru or rnn");
        };
    }
}
