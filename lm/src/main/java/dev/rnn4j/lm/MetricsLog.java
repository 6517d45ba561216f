package dev.rnn4j.lm;

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
 * A run's {@code metrics.jsonl}: one JSON object per training step and one per validation, each line flushed as it
 * is written, so a plot ({@code viz training}) can follow a run that is still going. {@code train} and
 * {@code spark train} write the same lines through this class.
 *
 * <pre>{@code
 * try (MetricsLog log = MetricsLog.open(runDir, -1)) {      // a new run: a fresh file
 *     log.step(stepMetrics);
 *     log.validation(validationMetrics);
 * }
 * }</pre>
 *
 * Resuming from a checkpoint of step s ({@code open(runDir, s)}) keeps the lines up to step s and drops the rest:
 * those of steps the checkpoint does not hold, and a line cut short by a kill.
 */
public final class MetricsLog implements AutoCloseable {
    public static final String FILE = "metrics.jsonl";
    private static final Pattern STEP = Pattern.compile("\"step\":(\\d+)");

    private final Path file;
    private final Writer out;

    private MetricsLog(Path file, Writer out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens {@code runDir/metrics.jsonl}, creating the directory: fresh for {@code resumedStep} -1, else keeping the
     * whole lines of steps up to {@code resumedStep}.
     */
    public static MetricsLog open(Path runDir, long resumedStep) throws IOException {
        Files.createDirectories(runDir);
        Path file = runDir.resolve(FILE);
        List<String> kept = resumedStep >= 0 && Files.exists(file)
                ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.endsWith("}") && stepOf(l) <= resumedStep).toList()
                : List.of();
        MetricsLog log = new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        for (String line : kept) log.write(line);
        return log;
    }

    /** The step a metrics line is about, or MAX_VALUE for a line that does not say (dropped on resume). */
    public static long stepOf(String line) {
        Matcher m = STEP.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    /** {@code {"type":"step","step":…,"epoch":…,"train_loss":…,"train_bpc":…,"lr":…,"grad_norm":…,…}}. */
    public void step(CharLmTrainer.StepMetrics m) {
        write(String.format(Locale.ROOT,
                "{\"type\":\"step\",\"step\":%d,\"epoch\":%d,\"train_loss\":%.6f,\"train_bpc\":%.6f,\"lr\":%s,"
                + "\"grad_norm\":%.6f,\"chars_per_s\":%.1f,\"elapsed_s\":%.1f}",
                m.step(), m.epoch(), m.loss(), m.loss() / Math.log(2), m.lr(), m.gradNorm(), m.charsPerSecond(),
                m.elapsedSeconds()));
    }

    /** {@code {"type":"validation","step":…,"epoch":…,"train_loss":… or null,"val_loss":…,"val_bpc":…,…}}. */
    public void validation(CharLmTrainer.ValidationMetrics m) {
        write(String.format(Locale.ROOT,
                "{\"type\":\"validation\",\"step\":%d,\"epoch\":%d,\"train_loss\":%s,\"val_loss\":%.6f,"
                + "\"val_bpc\":%.6f,\"elapsed_s\":%.1f}",
                m.step(), m.epoch(),
                Double.isNaN(m.trainLoss()) ? "null" : String.format(Locale.ROOT, "%.6f", m.trainLoss()),
                m.valLoss(), m.bitsPerChar(), m.elapsedSeconds()));
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to write
        }
    }
}
