package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.JitWarmUp;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.tool.UserError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code train} does with the trainer's events: the progress bar, {@code metrics.jsonl} (one JSON
 * object per step and per validation, for plots), checkpoints, and the Ctrl-C stop request.
 */
final class RunListener implements CharLmTrainer.Listener, AutoCloseable {
    static final String METRICS_FILE = "metrics.jsonl";
    private final Path runDir;
    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final TrainConfig config;
    private final String dataName;
    private final CharLmCheckpoint.TextSource text;
    private final boolean keepAll;
    private final Progress progress;
    private final Writer metrics;
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
            Files.createDirectories(runDir);
            Path file = runDir.resolve(METRICS_FILE);
            List<String> kept = resumedStep >= 0 && Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8)
                            .stream().filter(l -> l.endsWith("}") && stepOf(l) <= resumedStep).toList()
                    : List.of();
            this.metrics = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            for (String line : kept) write(line);
        } catch (IOException e) {
            throw new UserError("cannot write to " + runDir + ": " + e.getMessage());
        }
        this.progress = Progress.start("train");
    }

    private static final Pattern STEP = Pattern.compile("\"step\":(\\d+)");

    /** The step a metrics line is about, or MAX_VALUE for a line that does not say (dropped on resume). */
    static long stepOf(String line) {
        Matcher m = STEP.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
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
        write(String.format(Locale.ROOT,
                "{\"type\":\"step\",\"step\":%d,\"epoch\":%d,\"train_loss\":%.6f,\"train_bpc\":%.6f,\"lr\":%s,"
                + "\"grad_norm\":%.6f,\"chars_per_s\":%.1f,\"elapsed_s\":%.1f}",
                m.step(), m.epoch(), m.loss(), m.loss() / Math.log(2), m.lr(), m.gradNorm(), m.charsPerSecond(),
                m.elapsedSeconds()));
    }

    @Override
    public void onValidation(CharLmTrainer.ValidationMetrics m) {
        if (m.best()) bestVal = m.valLoss();
        progress.println(String.format(Locale.ROOT, "step %d (epoch %d): validation loss %.4f (%.3f bits/char)%s",
                m.step(), m.epoch(), m.valLoss(), m.bitsPerChar(), m.best() ? ", best so far" : ""));
        write(String.format(Locale.ROOT,
                "{\"type\":\"validation\",\"step\":%d,\"epoch\":%d,\"train_loss\":%s,\"val_loss\":%.6f,"
                + "\"val_bpc\":%.6f,\"elapsed_s\":%.1f}",
                m.step(), m.epoch(),
                Double.isNaN(m.trainLoss()) ? "null" : String.format(Locale.ROOT, "%.6f", m.trainLoss()),
                m.valLoss(), m.bitsPerChar(), m.elapsedSeconds()));
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

    private void write(String line) {
        try {
            metrics.write(line);
            metrics.write('\n');
            metrics.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(METRICS_FILE), e);
        }
    }

    static String compact(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    @Override
    public void close() {
        progress.close();
        try {
            metrics.close();
        } catch (IOException ignored) {
            // nothing more to write
        }
    }
}
