package dev.rnn4j.examples.seqtools;

import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.io.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an example leaves in its {@code --out} directory: {@code model.safetensors} (written by
 * {@link ModelParameters#save}) and {@code metrics.json}, the final figures as one JSON object.
 *
 * <pre>{@code
 * params.save(dir.resolve(RunFiles.MODEL), metadata);
 * RunFiles.writeMetrics(dir, Map.of("test_accuracy", 0.94));
 * }</pre>
 */
public final class RunFiles {
    public static final String MODEL = "model.safetensors";
    public static final String METRICS = "metrics.json";

    private RunFiles() {}

    /** Writes {@code metrics} as one JSON object and a newline, atomically. */
    public static Path writeMetrics(Path dir, Map<String, Object> metrics) {
        Path file = dir.resolve(METRICS);
        AtomicFiles.write(file, (Json.write(metrics) + "\n").getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Writes {@code metrics} and prints where the model and the metrics are, the last line of a run. */
    public static void finish(Path dir, Map<String, Object> metrics) {
        Path written = writeMetrics(dir, metrics);
        System.out.println("model: " + dir.resolve(MODEL) + "  metrics: " + written);
    }
}
