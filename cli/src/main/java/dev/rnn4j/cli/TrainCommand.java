package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.CharLmOptions;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.Durations;
import dev.rnn4j.tool.JitWarmUp;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.RunLimits;
import dev.rnn4j.tool.ThreadsOption;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./rnn4j train}: trains a character language model; with no arguments, the default model on tinyshakespeare.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a character-level language model (char-rnn style, truncated BPTT).",
                "With no arguments: a 1x256 LSTM on the embedded tinyshakespeare for 20 minutes."})
final class TrainCommand implements Runnable {
    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 text (or .gz) to train on "
            + "(default: embedded tinyshakespeare; with --resume, the run's own text)")
    Path data;
    @Mixin
    CharLmOptions options = new CharLmOptions();
    @Mixin
    RunLimits limits = new RunLimits();
    @Option(names = "--out", paramLabel = "DIR",
            description = "run directory for checkpoints and metrics (default: runs/<data>-<cell>)")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue a run exactly where its latest checkpoint stopped")
    Path resume;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public void run() {
        options.check(limits);
        threads.check();
        options.checkSchedule(resume != null, limits);
        threads.apply();
        CharLmCheckpoint.Loaded resumed = resume == null ? null : CharLmCheckpoint.load(resume);
        Corpus corpus = resumed == null ? Corpus.read(data) : RunText.forResume(resumed, data);
        InputChecks.requireTrainable(corpus, data);
        CharLanguageModel model;
        Vocabulary vocabulary;
        TrainConfig config;
        TrainingSnapshot snapshot = null;
        Path runDir;
        Path resumedFrom = null;
        if (resume != null) {
            CharLmCheckpoint.Loaded c = resumed;
            if (c.snapshot() == null) {
                throw new UserError(c.dir() + " holds weights only (no " + CharLmCheckpoint.TRAINING_FILE
                        + ", as an average of checkpoints): there is no training state to resume from; resume the "
                        + "run it came from, or start a new run without --resume");
            }
            RunText.requireSameText(c, corpus, data);
            options.requireSameSetup(c);
            model = c.model();
            vocabulary = c.vocabulary();
            config = options.resumedConfig(c.trainConfig(), limits, c.snapshot().elapsedSeconds());
            Memory.require("training this model with --batch-size " + config.batchSize() + " x --seq-length "
                    + config.seqLength(), trainingBytes(c.model().config(), config), "--batch-size or --seq-length");
            snapshot = c.snapshot();
            resumedFrom = c.dir();
            requireWorkLeft(config, snapshot);
            Path ownRun = c.dir().toAbsolutePath().getParent();
            runDir = out != null ? out : ownRun;
            if (out != null && !out.toAbsolutePath().normalize().equals(ownRun.normalize())) {
                InputChecks.requireNoRun(out);
            }
        } else {
            vocabulary = Vocabulary.of(corpus.text());
            config = options.trainConfig(limits, Duration.ofMinutes(20));
            requireMemory(vocabulary.size(), config);
            model = new CharLanguageModel(options.modelConfig(vocabulary.size()));
            if (out != null) InputChecks.requireNoRun(out);
            runDir = out != null ? out : InputChecks.freshRunDir(Path.of("runs", corpus.name() + "-" + options.cell()));
        }
        InputChecks.requireFits(corpus, data, config.batchSize(), config.seqLength(), config.valFrac());
        InputChecks.requireWritable(runDir);
        CharCorpus split = CharCorpus.of(corpus.text(), vocabulary, config.valFrac(), 0);
        CharLmTrainer trainer = new CharLmTrainer(model, split.train(), split.validation(), config);
        if (snapshot != null) trainer.restore(snapshot);
        config = trainer.config();   // with the cosine length fixed, as the checkpoints must keep it
        describe(corpus, model, vocabulary, config, trainer, runDir);
        String path = resumed != null && data == null && resumed.text() != null ? resumed.text().path()
                : data == null ? null : data.toAbsolutePath().normalize().toString();
        train(trainer, model, vocabulary, config, corpus.name(), new CharLmCheckpoint.TextSource(path, corpus.sha256()),
                runDir, resumedFrom);
    }

    /** A resumed run whose limits are already reached would stop at once: say it is done and how to go on. */
    private static void requireWorkLeft(TrainConfig c, TrainingSnapshot s) {
        String more = "; to train on, pass a higher limit (e.g. --max-steps " + 2 * Math.max(s.step(), 1)
                + ", --max-epochs " + (s.epoch() + 1) + " or --time-limit 20m)";
        if (c.maxSteps() > 0 && s.step() >= c.maxSteps()) {
            throw new UserError("the run is done: the checkpoint is already at step " + s.step()
                    + " and --max-steps is " + c.maxSteps() + more);
        }
        if (c.maxEpochs() > 0 && s.epoch() >= c.maxEpochs()) {
            throw new UserError("the run is done: the checkpoint has already done " + s.epoch()
                    + " epochs and --max-epochs is " + c.maxEpochs() + more);
        }
        if (c.patience() > 0 && s.patience().validationsSinceBest() >= c.patience()) {
            throw new UserError("the run is done: its last " + s.patience().validationsSinceBest()
                    + " validations brought no lower loss and --patience is " + c.patience()
                    + "; to train on, pass a higher --patience (or 0 = off)");
        }
    }

    /** Stops before the model is built when its parameters or its training would not fit in the JVM's heap. */
    private void requireMemory(int vocabularySize, TrainConfig c) {
        RecurrentKind kind = options.kind();
        int hidden = options.hidden();
        int layers = options.layers();
        Memory.requireCharLmArrays(kind, vocabularySize, hidden);
        long params = Memory.charLmParameters(kind, vocabularySize, hidden, layers);
        Memory.require(String.format(Locale.ROOT, "%s %s of --hidden %d x --layers %d (%,d parameters) trained with "
                + "--batch-size %d x --seq-length %d", kind == RecurrentKind.GRU ? "a" : "an", kind, hidden,
                layers, params, c.batchSize(), c.seqLength()),
                Memory.trainingBytes(params, weightSlots(c), kind, vocabularySize, hidden, layers,
                        c.batchSize(), c.seqLength()), "--hidden, --layers or --batch-size");
    }

    private static long trainingBytes(CharLmConfig m, TrainConfig c) {
        long params = Memory.charLmParameters(m.cell(), m.vocabSize(), m.hiddenSize(), m.numLayers());
        return Memory.trainingBytes(params, weightSlots(c), m.cell(), m.vocabSize(),
                m.hiddenSize(), m.numLayers(), c.batchSize(), c.seqLength());
    }

    /** Weight-sized arrays besides the weights and their gradients: the optimizer's moments, the moving average. */
    private static int weightSlots(TrainConfig c) {
        return Memory.optimizerSlots(c.optimizer()) + (c.averagesWeights() ? 1 : 0);
    }

    private static void describe(Corpus corpus, CharLanguageModel model, Vocabulary vocabulary, TrainConfig c,
                                 CharLmTrainer trainer, Path runDir) {
        CharLmConfig m = model.config();
        long params = model.parameters().stream().mapToLong(p -> p.size()).sum();
        System.out.printf(Locale.ROOT, "data: %s, %,d characters, vocabulary %d%n", corpus.name(),
                corpus.text().codePointCount(0, corpus.text().length()), vocabulary.size());
        String shape = (m.projSize() > 0 ? " proj " + m.projSize() : "")
                + (m.embeddingSize() != m.hiddenSize() ? ", embedding " + m.embeddingSize() : "")
                + regularization(m);
        System.out.printf(Locale.ROOT,
                "model: %s %dx%d%s, %,d parameters; %s lr %s%s, batch %d x %d chars, %d batches/epoch%n",
                m.cell(), m.numLayers(), m.hiddenSize(), shape, params, c.optimizer(), c.lr(), scheduleSummary(c),
                c.batchSize(), c.seqLength(), trainer.batchesPerEpoch());
        System.out.printf(Locale.ROOT, "checkpoints and metrics: %s%s%n", runDir,
                trainer.step() > 0 ? " (resuming at step " + trainer.step() + ")" : "");
    }

    /** The regularisers that are on, e.g. {@code , dropout 0.3 locked, weight drop 0.2, tied}. */
    private static String regularization(CharLmConfig m) {
        CharLmConfig.Regularization r = m.regularization();
        return (m.dropout() > 0 ? ", dropout " + InputChecks.number(m.dropout())
                + (r.dropoutMode() == CharLmConfig.DropoutMode.LOCKED ? " locked" : "") : "")
                + (r.weightDrop() > 0 ? ", weight drop " + InputChecks.number(r.weightDrop()) : "")
                + (r.tieWeights() ? ", tied embedding and output weights" : "");
    }

    /** How the learning rate moves and the weight decay, when there is more to say than a constant lr. */
    private static String scheduleSummary(TrainConfig c) {
        TrainConfig.Schedule s = c.schedule();
        StringBuilder out = new StringBuilder();
        if (s.isTimed()) {
            out.append(String.format(Locale.ROOT, ", cosine to %s over %s of training", InputChecks.number(s.minLr()),
                    Durations.format(s.totalSeconds())));
        } else if (s.isCosine()) {
            out.append(String.format(Locale.ROOT, ", cosine to %s over %,d steps", InputChecks.number(s.minLr()),
                    s.totalSteps()));
        }
        if (s.isPlateau()) {
            out.append(String.format(Locale.ROOT, ", x%s after %d validations without a lower loss, down to %s",
                    InputChecks.number(c.lrDecay()), s.plateauPatience() + 1, InputChecks.number(s.minLr())));
        }
        if (s.warmupSteps() > 0) out.append(String.format(Locale.ROOT, ", %,d warm-up steps", s.warmupSteps()));
        if (c.lrDecay() < 1 && !s.isPlateau()) {
            out.append(String.format(Locale.ROOT, ", x%s per epoch from epoch %d", InputChecks.number(c.lrDecay()),
                    c.lrDecayAfter()));
        }
        if (c.weightDecay() > 0) out.append(", weight decay ").append(InputChecks.number(c.weightDecay()));
        if (c.averagesWeights()) out.append(", weights averaged (EMA ").append(InputChecks.number(c.emaDecay()))
                .append(')');
        return out.toString();
    }

    private void train(CharLmTrainer trainer, CharLanguageModel model, Vocabulary vocabulary, TrainConfig config,
                       String dataName, CharLmCheckpoint.TextSource text, Path runDir, Path resumedFrom) {
        CountDownLatch finished = new CountDownLatch(1);
        RunListener listener = new RunListener(runDir, model, vocabulary, config, dataName, text,
                resumedFrom == null ? -1 : trainer.step(), options.keepAll(), trainer.bestValLoss());
        // Ctrl-C or SIGTERM: ask the loop to stop, then hold the JVM until its final checkpoint is written and
        // reported (the JVM exits as soon as the hooks return).
        Thread hook = new Thread(() -> {
            listener.requestStop();
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "rnn4j-save-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        JitWarmUp warmUp = JitWarmUp.begin();
        listener.watch(warmUp);
        try {
            CharLmTrainer.StopReason reason;
            try (listener) {
                reason = trainer.run(listener);
            } catch (UncheckedIOException e) {
                // a full disk, a directory removed under the run: say so, keep the rest
                Path last = listener.lastCheckpoint() != null ? listener.lastCheckpoint() : resumedFrom;
                throw new UserError(e.getMessage() + "; training stopped at step " + trainer.step() + (last == null
                        ? ", before its first checkpoint" : "; the last good checkpoint is kept: " + last));
            }
            Path saved = listener.lastCheckpoint() != null ? listener.lastCheckpoint() : resumedFrom;
            if (reason == CharLmTrainer.StopReason.DIVERGED) {
                throw diverged(trainer.divergence(), config, vocabulary.size(), saved);
            }
            System.out.printf(Locale.ROOT, "stopped (%s) at step %d, epoch %d; best validation loss %s%s%n",
                    reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), trainer.step(), trainer.epoch(),
                    listener.bestSummary(), saved == null ? "" : "; checkpoint " + saved);
            System.out.println("next: ./rnn4j sample --checkpoint " + runDir + "   (or: ./rnn4j eval --checkpoint "
                    + runDir + " --split validation)");
        } finally {
            finished.countDown();
            warmUp.finish();   // after the latch: a JVM exiting on Ctrl-C need not wait for the pool
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting because of Ctrl-C: the hook is running
            }
        }
    }

    /** One line: what went non-finite, what is safe on disk, and which flags to change. */
    private static UserError diverged(CharLmTrainer.Divergence d, TrainConfig c, int vocabularySize, Path saved) {
        String kept = saved == null ? "no checkpoint was saved before it"
                : "the last good checkpoint is kept: " + saved;
        String clip = c.gradClip() > 0 ? "a lower --grad-clip (now " + InputChecks.number(c.gradClip()) + ")"
                : "--grad-clip 5 (now 0 = off)";
        String what = Double.isFinite(d.value())
                ? "reached " + InputChecks.number(d.value()) + " nats/char (guessing uniformly gives "
                        + String.format(Locale.ROOT, "%.2f", Math.log(vocabularySize)) + ")"
                : "became " + d.value();
        return new UserError(String.format(Locale.ROOT, "training diverged at step %d: the %s %s; %s; "
                        + "train again with a lower --lr (now %s, try %s) or %s", d.step(), d.quantity(), what, kept,
                InputChecks.number(c.lr()), InputChecks.number(c.lr() / 10), clip));
    }
}
