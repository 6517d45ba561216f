package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.JitWarmUp;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.tool.UserError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code train} does with the trainer's events: the progress bar, {@code metrics.jsonl} (one JSON
 * object per step and per validation, for plots), checkpoints, and the Ctrl-C stop request.
 */
final class RunListener implements CharLmTrainer.Listener, AutoCloseable {
    private final Path runDir;
    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final TrainConfig config;
    private final String dataName;
    private final CharLmCheckpoint.TextSource text;
    private final boolean keepAll;
    private final Progress progress;
    private final MetricsLog metrics;
    private volatile boolean stop;
    private double bestVal = Double.NaN;
    private double smoothLoss = Double.NaN;
    private Path lastCheckpoint;
    private JitWarmUp warmUp;

    /**
     * {@code text} is recorded in every checkpoint; {@code bestValLoss} is the run's best validation loss so far
     * (NaN before the first).
     * {@code resumedStep} is the checkpoint's step when resuming (the metrics file keeps its lines up to that
     * step, dropping those of steps the checkpoint does not hold and any line cut short by a kill), or -1
     * for a new run (a fresh file).
     */
    RunListener(Path runDir, CharLanguageModel model, Vocabulary vocabulary, TrainConfig config, String dataName,
                CharLmCheckpoint.TextSource text, long resumedStep, boolean keepAll, double bestValLoss) {
        this.text = text;
        this.bestVal = bestValLoss;   // the run's best so far, over every resumed process
        this.runDir = runDir;
        this.keepAll = keepAll;
        this.model = model;
        this.vocabulary = vocabulary;
        this.config = config;
        this.dataName = dataName;
        try {
            this.metrics = MetricsLog.open(runDir, resumedStep);
        } catch (IOException e) {
            throw new UserError("cannot write to " + runDir + ": " + e.getMessage());
        }
        this.progress = Progress.start("train");
    }

    void requestStop() { stop = true; }

    /** Told after every step, so the kernel pool returns to full size once the JIT has settled. */
    void watch(JitWarmUp warmUp) { this.warmUp = warmUp; }

    @Override
    public boolean stopRequested() { return stop; }

    @Override
    public void onStep(CharLmTrainer.StepMetrics m) {
        if (warmUp != null) warmUp.afterStep();
        smoothLoss = Double.isNaN(smoothLoss) ? m.loss() : 0.95 * smoothLoss + 0.05 * m.loss();
        progress.update(m.progress(), String.format(Locale.ROOT, "step %d ep %d loss %.3f %s chars/s",
                m.step(), m.epoch(), smoothLoss, compact(m.charsPerSecond())));
        metrics.step(m);
    }

    @Override
    public void onValidation(CharLmTrainer.ValidationMetrics m) {
        if (m.best()) bestVal = m.valLoss();
        progress.println(String.format(Locale.ROOT, "step %d (epoch %d): validation loss %.4f (%.3f bits/char)%s",
                m.step(), m.epoch(), m.valLoss(), m.bitsPerChar(), m.best() ? ", best so far" : ""));
        metrics.validation(m);
    }

    @Override
    public void onCheckpoint(TrainingSnapshot snapshot, boolean best) {
        lastCheckpoint = CharLmCheckpoint.save(runDir, model, vocabulary, config, snapshot, dataName, text, best,
                keepAll);
    }

    /** The checkpoint directory this run wrote last, or null before its first. */
    Path lastCheckpoint() { return lastCheckpoint; }

    String bestSummary() {
        return Double.isNaN(bestVal) ? "none yet"
                : String.format(Locale.ROOT, "%.4f (%.3f bits/char)", bestVal, bestVal / Math.log(2));
    }

    static String compact(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    @Override
    public void close() {
        progress.close();
        metrics.close();
    }
}
