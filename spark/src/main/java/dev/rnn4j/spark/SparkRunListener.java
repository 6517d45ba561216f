package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.TrainingSnapshot;
import dev.rnn4j.text.Vocabulary;

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
 * Writes a Spark run into the same run directory as {@code train}: {@code metrics.jsonl} with the same lines,
 * checkpoints through {@link CharLmCheckpoint} (so {@code sample}, {@code eval} and {@code --resume} work on
 * it), and a line on stdout every {@code printEvery} steps and at each validation.
 */
final class SparkRunListener implements CharLmTrainer.Listener, AutoCloseable {
    static final String METRICS_FILE = "metrics.jsonl";
    private static final Pattern STEP = Pattern.compile("\"step\":(\\d+)");
    private final Path runDir;
    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final TrainConfig config;
    private final String dataName;
    private final boolean keepAll;
    private final int printEvery;
    private final Writer metrics;
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
            Files.createDirectories(runDir);
            Path file = runDir.resolve(METRICS_FILE);
            List<String> kept = resumedStep >= 0 && Files.exists(file) ? Files.readAllLines(file,
                    StandardCharsets.UTF_8)
                    .stream().filter(l -> l.endsWith("}") && stepOf(l) <= resumedStep).toList() : List.of();
            this.metrics = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            for (String line : kept) write(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to " + runDir + ": " + e.getMessage());
        }
    }

    private static long stepOf(String line) {
        Matcher m = STEP.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    Path lastCheckpoint() { return lastCheckpoint; }

    @Override
    public void onStep(CharLmTrainer.StepMetrics m) {
        if (m.step() % printEvery == 0) {
            System.out.printf(Locale.ROOT, "step %d (epoch %d): loss %.4f, %.0f chars/s%n", m.step(), m.epoch(),
                    m.loss(),
                    m.charsPerSecond());
        }
        write(String.format(Locale.ROOT, "{\"type\":\"step\",\"step\":%d,\"epoch\":%d,\"train_loss\":%.6f,"
                        + "\"train_bpc\":%.6f,\"lr\":%s,\"grad_norm\":%.6f,\"chars_per_s\":%.1f,\"elapsed_s\":%.1f}",
                m.step(), m.epoch(), m.loss(), m.loss() / Math.log(2), m.lr(), m.gradNorm(), m.charsPerSecond(),
                m.elapsedSeconds()));
    }

    @Override
    public void onValidation(CharLmTrainer.ValidationMetrics m) {
        System.out.printf(Locale.ROOT, "step %d (epoch %d): validation loss %.4f (%.3f bits/char)%s%n", m.step(),
                m.epoch(),
                m.valLoss(), m.bitsPerChar(), m.best() ? ", best so far" : "");
        write(String.format(Locale.ROOT, "{\"type\":\"validation\",\"step\":%d,\"epoch\":%d,\"train_loss\":%s,"
                        + "\"val_loss\":%.6f,\"val_bpc\":%.6f,\"elapsed_s\":%.1f}", m.step(), m.epoch(),
                Double.isNaN(m.trainLoss()) ? "null" : String.format(Locale.ROOT, "%.6f", m.trainLoss()), m.valLoss(),
                m.bitsPerChar(), m.elapsedSeconds()));
    }

    @Override
    public void onCheckpoint(TrainingSnapshot snapshot, boolean best) {
        lastCheckpoint = CharLmCheckpoint.save(runDir, model, vocabulary, config, snapshot, dataName, best, keepAll);
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

    @Override
    public void close() {
        try {
            metrics.close();
        } catch (IOException ignored) {
            // nothing more to write
        }
    }
}
