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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ./rnn4j train}: trains a character language model; with no arguments, the default model on tinyshakespeare. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a character-level language model (char-rnn style, truncated BPTT).",
                "With no arguments: a 2x256 LSTM on the embedded tinyshakespeare for 20 minutes."})
final class TrainCommand implements Runnable {
    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 text (or .gz) to train on (default: embedded tinyshakespeare)")
    Path data;
    @Option(names = "--cell", defaultValue = "lstm", description = "lstm, gru or rnn (default: ${DEFAULT-VALUE})")
    String cell;
    @Option(names = "--hidden", defaultValue = "256", description = "hidden size (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--layers", defaultValue = "2", description = "recurrent layers (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--dropout", defaultValue = "0", description = "dropout between recurrent layers (default: ${DEFAULT-VALUE})")
    float dropout;
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
    @Option(names = "--grad-clip", defaultValue = "5", description = "clip the gradient norm to this, 0 = off (default: ${DEFAULT-VALUE})")
    double gradClip;
    @Option(names = "--max-epochs", defaultValue = "0", description = "stop after this many epochs, 0 = no limit")
    int maxEpochs;
    @Option(names = "--max-steps", defaultValue = "0", description = "stop after this many steps, 0 = no limit")
    long maxSteps;
    @Option(names = "--time-limit", paramLabel = "DURATION", description = "stop after this long, e.g. 20m, 1h30m, 90s, 0 = none (default: 20m unless --max-epochs or --max-steps is given)")
    String timeLimit;
    @Option(names = "--val-frac", defaultValue = "0.05", description = "fraction of the text held out for validation (default: ${DEFAULT-VALUE})")
    double valFrac;
    @Option(names = "--eval-every", defaultValue = "500", description = "validate every N steps, 0 = every epoch (default: ${DEFAULT-VALUE})")
    int evalEvery;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "checkpoint every N steps, 0 = at each validation (default: ${DEFAULT-VALUE})")
    int checkpointEvery;
    @Option(names = "--out", paramLabel = "DIR", description = "run directory for checkpoints and metrics (default: runs/<data>-<cell>)")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "continue a run exactly where its latest checkpoint stopped")
    Path resume;
    @Option(names = "--seed", defaultValue = "42", description = "seed for initialisation and dropout (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    @Override
    public void run() {
        Threads.apply(threads);
        Corpus corpus = Corpus.read(data);
        CharLanguageModel model;
        Vocabulary vocabulary;
        TrainConfig config;
        TrainingSnapshot snapshot = null;
        Path runDir;
        if (resume != null) {
            CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(resume);
            if (c.snapshot() == null) throw new UserError(c.dir() + " holds weights only, no training state to resume from");
            model = c.model();
            vocabulary = c.vocabulary();
            config = c.trainConfig().withLimits(maxEpochs > 0 ? maxEpochs : c.trainConfig().maxEpochs(),
                    maxSteps > 0 ? maxSteps : c.trainConfig().maxSteps(), limit(c.trainConfig().timeLimit()));
            snapshot = c.snapshot();
            runDir = out != null ? out : c.dir().toAbsolutePath().getParent();
            if (!corpus.name().equals(c.dataName())) {
                throw new UserError("checkpoint was trained on '" + c.dataName() + "' but --data is '" + corpus.name()
                        + "': resume with the same --data");
            }
        } else {
            vocabulary = Vocabulary.of(corpus.text());
            config = new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs,
                    maxSteps, limit(Duration.ofMinutes(20)), valFrac, evalEvery, checkpointEvery, seed);
            model = new CharLanguageModel(new CharLmConfig(kind(cell), vocabulary.size(), hidden, layers, dropout, seed));
            runDir = out != null ? out : Path.of("runs", corpus.name() + "-" + cell);
        }
        CharCorpus split = CharCorpus.of(corpus.text(), vocabulary, config.valFrac(), 0);
        CharLmTrainer trainer = new CharLmTrainer(model, split.train(), split.validation(), config);
        if (snapshot != null) trainer.restore(snapshot);
        describe(corpus, model, vocabulary, config, trainer, runDir);
        train(trainer, model, vocabulary, config, corpus.name(), runDir);
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
        System.out.printf(Locale.ROOT, "model: %s %dx%d, %,d parameters; %s lr %s, batch %d x %d chars, %d batches/epoch%n",
                m.cell(), m.numLayers(), m.hiddenSize(), params, c.optimizer(), c.lr(), c.batchSize(), c.seqLength(),
                trainer.batchesPerEpoch());
        System.out.printf(Locale.ROOT, "checkpoints and metrics: %s%s%n", runDir,
                trainer.step() > 0 ? " (resuming at step " + trainer.step() + ")" : "");
    }

    private static void train(CharLmTrainer trainer, CharLanguageModel model, Vocabulary vocabulary, TrainConfig config,
                              String dataName, Path runDir) {
        CountDownLatch finished = new CountDownLatch(1);
        RunListener listener = new RunListener(runDir, model, vocabulary, config, dataName);
        // Ctrl-C: ask the loop to stop, then wait for its final checkpoint before the JVM exits.
        Thread hook = new Thread(() -> {
            listener.requestStop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        CharLmTrainer.StopReason reason;
        try (listener) {
            reason = trainer.run(listener);
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already exiting because of Ctrl-C: the hook is running
        }
        System.out.printf(Locale.ROOT, "stopped (%s) at step %d, epoch %d; best validation loss %s%n",
                reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), trainer.step(), trainer.epoch(), listener.bestSummary());
        System.out.println("next: ./rnn4j sample --checkpoint " + runDir + "   (or: ./rnn4j eval --checkpoint " + runDir
                + (dataName.equals(Corpus.DEFAULT_NAME) ? "" : " --data FILE") + ")");
    }
}
