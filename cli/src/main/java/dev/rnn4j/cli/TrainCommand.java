package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.Optimizers;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.Durations;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ./rnn4j train}: trains a character language model; with no arguments, the default model on tinyshakespeare. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a character-level language model (char-rnn style, truncated BPTT).",
                "With no arguments: a 2x256 LSTM on the embedded tinyshakespeare for 20 minutes."})
final class TrainCommand implements Runnable {
    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 text (or .gz) to train on "
            + "(default: embedded tinyshakespeare; with --resume, the run's own text)")
    Path data;
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
    @Option(names = "--dropout", defaultValue = "0", description = "dropout between recurrent layers and before the output layer, in [0, 1) (default: ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--seq-length", defaultValue = "100", description = "characters per BPTT chunk (default: ${DEFAULT-VALUE})")
    int seqLength;
    @Option(names = "--batch-size", defaultValue = "32", description = "parallel streams (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, adamw, rmsprop, adagrad or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--lr", defaultValue = "2e-3", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--lr-decay", defaultValue = "1.0", description = "multiply the learning rate by this every epoch after --lr-decay-after (default: ${DEFAULT-VALUE})")
    double lrDecay;
    @Option(names = "--lr-decay-after", defaultValue = "10", description = "epoch at which decay starts (default: ${DEFAULT-VALUE})")
    int lrDecayAfter;
    @Option(names = "--lr-schedule", defaultValue = "step", description = "step (--lr, times --lr-decay per epoch) or cosine (from --lr down to --min-lr over the run's steps, as PyTorch's CosineAnnealingLR) (default: ${DEFAULT-VALUE})")
    String lrSchedule;
    @Option(names = "--min-lr", defaultValue = "0", description = "where --lr-schedule cosine ends (default: ${DEFAULT-VALUE})")
    double minLr;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0", description = "raise the learning rate linearly over the first N steps (default: ${DEFAULT-VALUE})")
    long warmup;
    @Option(names = "--weight-decay", description = "the optimizer's weight decay (default: PyTorch's, 0.01 for adamw, 0 for the others)")
    Double weightDecay;
    @Option(names = "--grad-clip", defaultValue = "5", description = "clip the gradient norm to this, 0 = off (default: ${DEFAULT-VALUE})")
    double gradClip;
    @Option(names = "--max-epochs", defaultValue = "0", description = "stop after this many epochs, 0 = no limit")
    int maxEpochs;
    @Option(names = "--max-steps", defaultValue = "0", description = "stop after this many steps, 0 = no limit")
    long maxSteps;
    @Option(names = "--time-limit", paramLabel = "DURATION", description = {"stop after this long, e.g. 20m, 1h30m, "
            + "90s, 0 = none (default: 20m unless --max-epochs or --max-steps is given).",
            "It counts this process only: each --resume trains for its --time-limit (or the run's) again."})
    String timeLimit;
    @Option(names = "--val-frac", defaultValue = "0.05", description = "fraction of the text held out for validation (default: ${DEFAULT-VALUE})")
    double valFrac;
    @Option(names = "--eval-every", defaultValue = "500", description = "validate every N steps, 0 = every epoch (default: ${DEFAULT-VALUE})")
    int evalEvery;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "checkpoint every N steps, 0 = at each validation (default: ${DEFAULT-VALUE})")
    int checkpointEvery;
    @Option(names = "--keep-all", description = "keep every checkpoint, not only latest and best (for ./rnn4j average)")
    boolean keepAll;
    @Option(names = "--out", paramLabel = "DIR", description = "run directory for checkpoints and metrics (default: runs/<data>-<cell>)")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "continue a run exactly where its latest checkpoint stopped")
    Path resume;
    @Option(names = "--seed", defaultValue = "42", description = "seed for initialisation and dropout (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        checkFlags();
        Threads.apply(threads);
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
                throw new UserError(c.dir() + " holds weights only (no " + CharLmCheckpoint.TRAINING_FILE + ", as an average of "
                        + "checkpoints): there is no training state to resume from; resume the run it came from, or start a new "
                        + "run without --resume");
            }
            RunText.requireSameText(c, corpus, data);
            requireSameSetup(c);
            model = c.model();
            vocabulary = c.vocabulary();
            config = resumedConfig(c.trainConfig());
            Memory.require("training this model with --batch-size " + config.batchSize() + " x --seq-length "
                    + config.seqLength(), trainingBytes(c.model().config(), config), "--batch-size or --seq-length");
            snapshot = c.snapshot();
            resumedFrom = c.dir();
            requireWorkLeft(config, snapshot);
            Path ownRun = c.dir().toAbsolutePath().getParent();
            runDir = out != null ? out : ownRun;
            if (out != null && !out.toAbsolutePath().normalize().equals(ownRun.normalize())) InputChecks.requireNoRun(out);
        } else {
            vocabulary = Vocabulary.of(corpus.text());
            String optimizerName = optimizer.toLowerCase(Locale.ROOT);
            config = new TrainConfig(batchSize, seqLength, optimizerName, lr, lrDecay, lrDecayAfter,
                    gradClip, maxEpochs, maxSteps, limit(Duration.ofMinutes(20)), valFrac, evalEvery, checkpointEvery, seed)
                    .withSchedule(new TrainConfig.Schedule(lrSchedule.toLowerCase(Locale.ROOT), minLr, warmup, 0))
                    .withWeightDecay(weightDecay != null ? weightDecay : Optimizers.defaultWeightDecay(optimizerName));
            requireMemory(vocabulary.size(), config);
            model = new CharLanguageModel(modelConfig(vocabulary.size()));
            if (out != null) InputChecks.requireNoRun(out);
            runDir = out != null ? out : InputChecks.freshRunDir(Path.of("runs", corpus.name() + "-" + cell.toLowerCase(Locale.ROOT)));
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

    /** The model the flags describe; the config names what is wrong (proj size of a GRU, ...) as one line. */
    private CharLmConfig modelConfig(int vocabSize) {
        CharLmConfig c = new CharLmConfig(kind(cell), vocabSize, hidden, layers, (float) dropout, seed);
        try {
            if (embeddingSize != null) c = c.withEmbeddingSize(embeddingSize);
            return projSize > 0 ? c.withProjSize(projSize) : c;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("proj size", "--proj-size").replace("hidden size", "--hidden"));
        }
    }

    /** Every numeric flag in its range, named with its value, before anything is read or written. */
    private void checkFlags() {
        InputChecks.oneOf("--cell", cell, List.of("lstm", "gru", "rnn"));
        InputChecks.oneOf("--optimizer", optimizer, Optimizers.NAMES);
        InputChecks.atLeast("--hidden", hidden, 1);
        InputChecks.atLeast("--layers", layers, 1);
        if (embeddingSize != null) InputChecks.atLeast("--embedding-size", embeddingSize, 1);
        InputChecks.atLeast("--proj-size", projSize, 0);
        InputChecks.inRange("--dropout", dropout, 0, true, 1, false);
        InputChecks.atLeast("--seq-length", seqLength, 1);
        InputChecks.atLeast("--batch-size", batchSize, 1);
        InputChecks.positive("--lr", lr);
        InputChecks.inRange("--lr-decay", lrDecay, 0, false, 1, true);
        InputChecks.atLeast("--lr-decay-after", lrDecayAfter, 0);
        InputChecks.oneOf("--lr-schedule", lrSchedule, TrainConfig.Schedule.NAMES);
        InputChecks.inRange("--min-lr", minLr, 0, true, Double.POSITIVE_INFINITY, false);
        InputChecks.atLeast("--warmup", warmup, 0);
        if (weightDecay != null) InputChecks.inRange("--weight-decay", weightDecay, 0, true, Double.POSITIVE_INFINITY, false);
        InputChecks.inRange("--grad-clip", gradClip, 0, true, Double.POSITIVE_INFINITY, false);
        InputChecks.atLeast("--max-epochs", maxEpochs, 0);
        InputChecks.atLeast("--max-steps", maxSteps, 0);
        InputChecks.inRange("--val-frac", valFrac, 0, false, 0.5, false);
        InputChecks.atLeast("--eval-every", evalEvery, 0);
        InputChecks.atLeast("--checkpoint-every", checkpointEvery, 0);
        if (threads != null) InputChecks.atLeast("--threads", threads, 1);
        if (timeLimit != null) Durations.parse(timeLimit);
        boolean cosine = lrSchedule.equalsIgnoreCase("cosine");
        if (resume == null && cosine && maxEpochs == 0 && maxSteps == 0) {   // a resumed run has its length saved
            throw new UserError("--lr-schedule cosine anneals over the whole run, so it needs the run's length: "
                    + "set --max-epochs or --max-steps");
        }
        if (resume == null && !cosine && given("--min-lr")) {
            throw new UserError("--min-lr is where --lr-schedule cosine ends; add --lr-schedule cosine or drop --min-lr");
        }
    }

    /**
     * The run's own recipe, with the flags that do not change the math as given now: the intervals, and the
     * limits. Limits given on the command line replace the run's (all of them: {@code --max-epochs 5} on a run
     * made with {@code --max-steps 1000} trains 5 epochs); without any, the run goes on to its own.
     */
    private TrainConfig resumedConfig(TrainConfig saved) {
        TrainConfig c = saved.withIntervals(given("--eval-every") ? evalEvery : saved.evalEvery(),
                given("--checkpoint-every") ? checkpointEvery : saved.checkpointEvery());
        boolean newLimits = given("--max-steps") || given("--max-epochs") || given("--time-limit");
        return newLimits ? c.withLimits(maxEpochs, maxSteps, limit(Duration.ZERO)) : c;
    }

    /** A resumed run whose limits are already reached would stop at once: say it is done and how to go on. */
    private static void requireWorkLeft(TrainConfig c, TrainingSnapshot s) {
        String more = "; to train on, pass a higher limit (e.g. --max-steps " + 2 * Math.max(s.step(), 1)
                + ", --max-epochs " + (s.epoch() + 1) + " or --time-limit 20m)";
        if (c.maxSteps() > 0 && s.step() >= c.maxSteps()) {
            throw new UserError("the run is done: the checkpoint is already at step " + s.step() + " and --max-steps is "
                    + c.maxSteps() + more);
        }
        if (c.maxEpochs() > 0 && s.epoch() >= c.maxEpochs()) {
            throw new UserError("the run is done: the checkpoint has already done " + s.epoch()
                    + " epochs and --max-epochs is " + c.maxEpochs() + more);
        }
    }

    /** Stops before the model is built when its parameters or its training would not fit in the JVM's heap. */
    private void requireMemory(int vocabularySize, TrainConfig c) {
        RecurrentKind kind = kind(cell);
        long largest = Memory.largestCharLmTensor(kind, vocabularySize, hidden);
        if (largest > Memory.MAX_ARRAY) {
            throw new UserError(String.format(Locale.ROOT, "--hidden %d makes a weight matrix of %,d numbers, more than a Java "
                    + "array holds (%,d): lower --hidden", hidden, largest, Memory.MAX_ARRAY));
        }
        long params = Memory.charLmParameters(kind, vocabularySize, hidden, layers);
        Memory.require(String.format(Locale.ROOT, "%s %s of --hidden %d x --layers %d (%,d parameters) trained with "
                + "--batch-size %d x --seq-length %d", kind == RecurrentKind.GRU ? "a" : "an", kind, hidden, layers, params,
                c.batchSize(), c.seqLength()),
                Memory.trainingBytes(params, Memory.optimizerSlots(c.optimizer()), kind, vocabularySize, hidden, layers,
                        c.batchSize(), c.seqLength()), "--hidden, --layers or --batch-size");
    }

    private static long trainingBytes(CharLmConfig m, TrainConfig c) {
        long params = Memory.charLmParameters(m.cell(), m.vocabSize(), m.hiddenSize(), m.numLayers());
        return Memory.trainingBytes(params, Memory.optimizerSlots(c.optimizer()), m.cell(), m.vocabSize(), m.hiddenSize(),
                m.numLayers(), c.batchSize(), c.seqLength());
    }

    /**
     * Resume is exact: the model and the training recipe come from the checkpoint. A flag given with another
     * value would be silently ignored, so it is an error; repeating the run's own value is fine.
     */
    private void requireSameSetup(CharLmCheckpoint.Loaded c) {
        CharLmConfig m = c.model().config();
        TrainConfig t = c.trainConfig();
        List<String> changed = new ArrayList<>();
        differs(changed, "--cell", m.recurrentName(), cell.toLowerCase(Locale.ROOT));
        differs(changed, "--hidden", m.hiddenSize(), hidden);
        differs(changed, "--layers", m.numLayers(), layers);
        if (embeddingSize != null) differs(changed, "--embedding-size", m.embeddingSize(), embeddingSize);
        differs(changed, "--proj-size", m.projSize(), projSize);
        differs(changed, "--dropout", m.dropout(), (float) dropout);
        differs(changed, "--seq-length", t.seqLength(), seqLength);
        differs(changed, "--batch-size", t.batchSize(), batchSize);
        differs(changed, "--optimizer", t.optimizer(), optimizer.toLowerCase(Locale.ROOT));
        differs(changed, "--lr", t.lr(), lr);
        differs(changed, "--lr-decay", t.lrDecay(), lrDecay);
        differs(changed, "--lr-decay-after", t.lrDecayAfter(), lrDecayAfter);
        differs(changed, "--lr-schedule", t.schedule().name(), lrSchedule.toLowerCase(Locale.ROOT));
        differs(changed, "--min-lr", t.schedule().minLr(), minLr);
        differs(changed, "--warmup", t.schedule().warmupSteps(), warmup);
        differs(changed, "--weight-decay", t.weightDecay(), weightDecay);
        differs(changed, "--grad-clip", t.gradClip(), gradClip);
        differs(changed, "--val-frac", t.valFrac(), valFrac);
        differs(changed, "--seed", t.seed(), seed);
        if (!changed.isEmpty()) {
            throw new UserError("--resume continues a run exactly as it was set up, but " + String.join(", ", changed)
                    + "; drop " + (changed.size() == 1 ? "that flag" : "those flags") + ", or start a new run with another --out");
        }
    }

    private void differs(List<String> changed, String flag, Object saved, Object given) {
        if (given(flag) && !saved.equals(given)) changed.add(flag + " is " + given + " where the run has " + saved);
    }

    /** Whether {@code flag} was on the command line (rather than left at its default). */
    private boolean given(String flag) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    private Duration limit(Duration whenUnset) {
        if (timeLimit != null) return Durations.parse(timeLimit);
        return maxEpochs > 0 || maxSteps > 0 ? Duration.ZERO : whenUnset;
    }

    static RecurrentKind kind(String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "lstm" -> RecurrentKind.LSTM;
            case "gru" -> RecurrentKind.GRU;
            case "rnn" -> RecurrentKind.RNN;
            default -> throw new UserError("unknown --cell '" + cell + "': use lstm, gru or rnn");
        };
    }

    private static void describe(Corpus corpus, CharLanguageModel model, Vocabulary vocabulary, TrainConfig c,
                                 CharLmTrainer trainer, Path runDir) {
        CharLmConfig m = model.config();
        long params = model.parameters().stream().mapToLong(p -> p.size()).sum();
        System.out.printf(Locale.ROOT, "data: %s, %,d characters, vocabulary %d%n", corpus.name(),
                corpus.text().codePointCount(0, corpus.text().length()), vocabulary.size());
        String shape = (m.projSize() > 0 ? " proj " + m.projSize() : "")
                + (m.embeddingSize() != m.hiddenSize() ? ", embedding " + m.embeddingSize() : "");
        System.out.printf(Locale.ROOT, "model: %s %dx%d%s, %,d parameters; %s lr %s%s, batch %d x %d chars, %d batches/epoch%n",
                m.cell(), m.numLayers(), m.hiddenSize(), shape, params, c.optimizer(), c.lr(), scheduleSummary(c), c.batchSize(),
                c.seqLength(), trainer.batchesPerEpoch());
        System.out.printf(Locale.ROOT, "checkpoints and metrics: %s%s%n", runDir,
                trainer.step() > 0 ? " (resuming at step " + trainer.step() + ")" : "");
    }

    /** How the learning rate moves and the weight decay, when there is more to say than a constant lr. */
    private static String scheduleSummary(TrainConfig c) {
        TrainConfig.Schedule s = c.schedule();
        StringBuilder out = new StringBuilder();
        if (s.isCosine()) {
            out.append(String.format(Locale.ROOT, ", cosine to %s over %,d steps", InputChecks.number(s.minLr()), s.totalSteps()));
        }
        if (s.warmupSteps() > 0) out.append(String.format(Locale.ROOT, ", %,d warm-up steps", s.warmupSteps()));
        if (c.lrDecay() < 1) {
            out.append(String.format(Locale.ROOT, ", x%s per epoch from epoch %d", InputChecks.number(c.lrDecay()), c.lrDecayAfter()));
        }
        if (c.weightDecay() > 0) out.append(", weight decay ").append(InputChecks.number(c.weightDecay()));
        return out.toString();
    }

    private void train(CharLmTrainer trainer, CharLanguageModel model, Vocabulary vocabulary, TrainConfig config,
                       String dataName, CharLmCheckpoint.TextSource text, Path runDir, Path resumedFrom) {
        CountDownLatch finished = new CountDownLatch(1);
        RunListener listener = new RunListener(runDir, model, vocabulary, config, dataName, text,
                resumedFrom == null ? -1 : trainer.step(), keepAll, trainer.snapshot().bestValLoss());
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
        try {
            CharLmTrainer.StopReason reason;
            try (listener) {
                reason = trainer.run(listener);
            } catch (UncheckedIOException e) {   // a full disk, a directory removed under the run: say so, keep the rest
                Path last = listener.lastCheckpoint() != null ? listener.lastCheckpoint() : resumedFrom;
                throw new UserError(e.getMessage() + "; training stopped at step " + trainer.step() + (last == null
                        ? ", before its first checkpoint" : "; the last good checkpoint is kept: " + last));
            }
            Path saved = listener.lastCheckpoint() != null ? listener.lastCheckpoint() : resumedFrom;
            if (reason == CharLmTrainer.StopReason.DIVERGED) throw diverged(trainer.divergence(), config, vocabulary.size(), saved);
            System.out.printf(Locale.ROOT, "stopped (%s) at step %d, epoch %d; best validation loss %s%s%n",
                    reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), trainer.step(), trainer.epoch(),
                    listener.bestSummary(), saved == null ? "" : "; checkpoint " + saved);
            System.out.println("next: ./rnn4j sample --checkpoint " + runDir + "   (or: ./rnn4j eval --checkpoint " + runDir
                    + " --split validation)");
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting because of Ctrl-C: the hook is running
            }
        }
    }

    /** One line: what went non-finite, what is safe on disk, and which flags to change. */
    private static UserError diverged(CharLmTrainer.Divergence d, TrainConfig c, int vocabularySize, Path saved) {
        String kept = saved == null ? "no checkpoint was saved before it" : "the last good checkpoint is kept: " + saved;
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
