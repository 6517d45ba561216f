package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tool.CharLmOptions;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.RunLimits;
import dev.rnn4j.tool.UserError;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code rnn4j spark train}: {@code train}'s flags, run data-parallel on Spark; the same run directory, and with
 * the same flags the same loss curve as on one machine.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character LM data-parallel on Spark: each step every partition computes the gradient "
                + "of its share of the batch's streams, the parts are added in a fixed tree over the partition "
                + "index, and the driver steps the optimizer.",
                "Takes train's flags; writes the same run directory (checkpoints, metrics.jsonl, --resume).",
                "--batch-size counts the streams over all partitions; with --dropout each partition draws its own "
                        + "masks (locked or not); --weight-drop draws one mask per batch, as on one machine."})
final class SparkTrainCommand implements Runnable {
    @Mixin
    SparkJobOptions job = new SparkJobOptions();
    @Option(names = "--partitions", description = "partitions of the batch's streams (default: the cluster's cores)")
    Integer partitions;
    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "UTF-8 text (or .gz): a path or a Hadoop URI (hdfs://, s3a://, file://)")
    String data;
    @Mixin
    CharLmOptions options = new CharLmOptions();
    @Mixin
    RunLimits limits = new RunLimits();
    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<data>-<cell>-spark)")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "continue a run (from train or spark train) exactly")
    Path resume;
    @Option(names = "--print-every", defaultValue = "10",
            description = "print the loss every N steps (default: ${DEFAULT-VALUE})")
    int printEvery;

    @Override
    public void run() {
        options.check(limits);
        Flags.atLeast("--print-every", printEvery, 1);
        options.checkSchedule(resume != null, limits);
        if (partitions != null) Flags.atLeast("--partitions", partitions, 1);
        job.check();
        CharLmCheckpoint.Loaded resumed = resume == null ? null : loadResumable(resume);
        if (resumed == null) {   // the text's vocabulary is not known yet: at least this much
            requireMemory(1, options.trainConfig(limits, Duration.ofMinutes(20)).optimizer());
        }
        SparkPaths.requireInput("--data", data, false);
        if (out != null) dev.rnn4j.tool.OutputPaths.requireWritableDirectory("--out", out);
        SparkSession session = job.start("rnn4j train");
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
            options.requireSameSetup(resumed);
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
            config = options.resumedConfig(resumed.trainConfig(), limits, resumed.snapshot().elapsedSeconds());
            runDir = out != null ? out : resumed.dir().toAbsolutePath().getParent();
        } else {
            vocabulary = corpus.vocabulary();
            config = options.trainConfig(limits, Duration.ofMinutes(20));
            requireMemory(vocabulary.size(), config.optimizer());
            model = new CharLanguageModel(options.modelConfig(vocabulary.size()));
            runDir = out != null ? out : Path.of("runs", corpus.name() + "-" + options.cell() + "-spark");
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
                    resumed == null ? -1 : trainer.step(), options.keepAll(), printEvery)) {
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

    /**
     * Stops before the model is built when it does not fit: a weight matrix beyond a Java array, or the driver's
     * weights, gradients and optimizer state beyond its heap (the executors hold a replica and their streams).
     */
    private void requireMemory(int vocabularySize, String optimizer) {
        RecurrentKind kind = options.kind();
        int hidden = options.hidden();
        int layers = options.layers();
        Memory.requireCharLmArrays(kind, vocabularySize, hidden);
        long params = Memory.charLmParameters(kind, vocabularySize, hidden, layers);
        Memory.require(String.format(Locale.ROOT, "the driver's copy of a %s of --hidden %d x --layers %d (%,d "
                        + "parameters) and its optimizer state", kind, hidden, layers, params),
                Memory.trainingBytes(params, Memory.optimizerSlots(optimizer.toLowerCase(Locale.ROOT)), 0, 0),
                "--hidden or --layers");
    }

    private static CharLmCheckpoint.Loaded loadResumable(Path dir) {
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(dir);
        if (c.snapshot() == null) {
            throw new IllegalArgumentException(c.dir()
                    + " holds weights only (no training state): resume the run it came from");
        }
        return c;
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
}
