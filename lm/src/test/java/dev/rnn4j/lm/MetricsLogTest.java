package dev.rnn4j.lm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsLogTest {
    @TempDir
    Path dir;

    private static CharLmTrainer.StepMetrics step(long step) {
        return new CharLmTrainer.StepMetrics(step, 1, 2.0, 1e-3, 0.5, 1234.56, 0.1, 7.25);
    }

    @Test
    void writesOneJsonLinePerStepAndValidation() throws Exception {
        Path run = dir.resolve("run");                                   // created by open
        try (MetricsLog log = MetricsLog.open(run, -1)) {
            log.step(step(1));
            log.validation(new CharLmTrainer.ValidationMetrics(1, 1, Double.NaN, 1.5, true, 8.0));
        }
        List<String> lines = Files.readAllLines(run.resolve(MetricsLog.FILE));
        assertEquals(List.of(
                "{\"type\":\"step\",\"step\":1,\"epoch\":1,\"train_loss\":2.000000,\"train_bpc\":2.885390,\"lr\":0.001,"
                        + "\"grad_norm\":0.500000,\"chars_per_s\":1234.6,\"elapsed_s\":7.3}",
                "{\"type\":\"validation\",\"step\":1,\"epoch\":1,\"train_loss\":null,\"val_loss\":1.500000,"
                        + "\"val_bpc\":2.164043,\"elapsed_s\":8.0}"), lines);
    }

    @Test
    void resumingKeepsTheLinesUpToTheCheckpointStep() throws Exception {
        Path run = dir.resolve("run");
        try (MetricsLog log = MetricsLog.open(run, -1)) {
            for (long s = 1; s <= 5; s++) log.step(step(s));
        }
        Path file = run.resolve(MetricsLog.FILE);
        Files.writeString(file, Files.readString(file) + "{\"type\":\"step\",\"st", StandardCharsets.UTF_8); // killed
        try (MetricsLog log = MetricsLog.open(run, 3)) {
            log.step(step(4));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), Files.readAllLines(file).stream().map(MetricsLog::stepOf).toList());
        try (MetricsLog log = MetricsLog.open(run, -1)) {                // a new run starts a fresh file
            log.step(step(1));
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void aLineWithoutAStepSaysSo() {
        assertEquals(Long.MAX_VALUE, MetricsLog.stepOf("{\"type\":\"step\"}"));
        assertEquals(12, MetricsLog.stepOf("{\"type\":\"validation\",\"step\":12}"));
    }
}
