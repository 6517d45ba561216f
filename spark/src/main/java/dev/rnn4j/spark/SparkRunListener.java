package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a Spark run into the same run directory as {@code train}: {@code metrics.jsonl} with the same lines,
 * checkpoints through {@link CharLmCheckpoint} (so {@code sample}, {@code eval} and {@code --resume} work on
 * it), and a line on stdout every {@code printEvery} steps and at each validation.
 */
final class SparkRunListener implements CharLmTrainer.Listener, AutoCloseable {
    private final Path runDir;
    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final TrainConfig config;
    private final String dataName;
    private final boolean keepAll;
    private final int printEvery;
    private final MetricsLog metrics;
    private Path lastCheckpoint;

    /** {@code resumedStep}: the checkpoint's step (metrics after it are dropped), or -1 for a new run. */
    SparkRunListener(Path runDir, CharLanguageModel model, Vocabulary vocabulary, TrainConfig config, String dataName,
                     long resumedStep, boolean keepAll, int printEvery) {
        this.runDir = runDir;
        this.model = model;
        this.vocabulary = vocabulary;
        this.config = config;
        this.dataName = dataName;
        this.keepAll = keepAll;
        this.printEvery = printEvery;
        try {
            this.metrics = MetricsLog.open(runDir, resumedStep);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to " + runDir + ": " + e.getMessage());
        }
    }

    Path lastCheckpoint() { return lastCheckpoint; }

    @Override
    public void onStep(CharLmTrainer.StepMetrics m) {
        if (m.step() % printEvery == 0) {
            System.out.printf(Locale.ROOT, "step %d (epoch %d): loss %.4f, %.0f chars/s%n", m.step(), m.epoch(),
                    m.loss(),
                    m.charsPerSecond());
        }
        metrics.step(m);
    }

    @Override
    public void onValidation(CharLmTrainer.ValidationMetrics m) {
        System.out.printf(Locale.ROOT, "step %d (epoch %d): validation loss %.4f (%.3f bits/char)%s%n", m.step(),
                m.epoch(),
                m.valLoss(), m.bitsPerChar(), m.best() ? ", best so far" : "");
        metrics.validation(m);
    }

    @Override
    public void onCheckpoint(TrainingSnapshot snapshot, boolean best) {
        lastCheckpoint = CharLmCheckpoint.save(runDir, model, vocabulary, config, snapshot, dataName, best, keepAll);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
