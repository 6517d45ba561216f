package dev.rnn4j.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a {@code metrics.jsonl} in the format of {@code train}'s RunListener, with a loss that falls. */
final class MetricsFixture {
    private MetricsFixture() {}

    /** The output of {@code bench/pytorch_charlm_quality.py}: a validation every 2 minutes, then the final one. */
    static Path writePytorchQuality(Path file, int reports) {
        List<String> lines = new ArrayList<>();
        for (int r = 1; r <= reports; r++) {
            lines.add(String.format(Locale.ROOT,
                    "{\"seconds\": %d, \"step\": %d, \"chars\": %d, \"train_loss\": %.4f, \"val_loss\": %.4f}",
                    120 * r, 40 * r, 128000 * r, 1.5 + 1.0 / r, 1.6 + 1.0 / r));
        }
        lines.add(String.format(Locale.ROOT, "{\"seconds\": %d, \"step\": %d, \"chars\": %d, \"final_val_loss\": %.4f}",
                120 * reports + 5, 40 * reports + 2, 128000 * reports + 6400, 1.6 + 1.0 / reports));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path write(Path runDir, int steps, double scale) {
        List<String> lines = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            double loss = scale * (1.2 + 3.0 / Math.sqrt(s)) + 0.05 * Math.sin(s);
            lines.add(String.format(Locale.ROOT,
                    "{\"type\":\"step\",\"step\":%d,\"epoch\":0,\"train_loss\":%.6f,\"train_bpc\":%.6f,\"lr\":%s,"
                    + "\"grad_norm\":%.6f,\"chars_per_s\":%.1f,\"elapsed_s\":%.1f}",
                    s, loss, loss / Math.log(2), 0.002 * Math.pow(0.97, s / 10), 0.5 + 0.1 * Math.cos(s),
                    5000.0 + s, 3.0 * s));
            if (s % 10 == 0) {
                lines.add(String.format(Locale.ROOT,
                        "{\"type\":\"validation\",\"step\":%d,\"epoch\":0,\"train_loss\":%.6f,\"val_loss\":%.6f,"
                        + "\"val_bpc\":%.6f,\"elapsed_s\":%.1f}",
                        s, loss, loss + 0.1, (loss + 0.1) / Math.log(2), 3.0 * s + 1));
            }
        }
        try {
            Files.createDirectories(runDir);
            Files.write(runDir.resolve("metrics.jsonl"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runDir;
    }
}
