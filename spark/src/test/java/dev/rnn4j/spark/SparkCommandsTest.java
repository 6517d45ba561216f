package dev.rnn4j.spark;

import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.CharLmCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code rnn4j spark train}, {@code --resume} and {@code score} as a user runs them, on local[2]. */
class SparkCommandsTest {
    @TempDir
    Path dir;

    static final String[] COMMON = {"--master", "local[2]", "--conf", "spark.ui.enabled=false", "--hidden", "16",
            "--layers", "1", "--batch-size", "4", "--seq-length", "16", "--eval-every", "5", "--val-frac", "0.1"};

    static String[] args(String command, String... more) {
        return Stream.concat(Stream.of(command), Stream.concat(Stream.of(COMMON),
                Stream.of(more))).toArray(String[]::new);
    }

    @Test
    void trainResumeAndScoreWriteTheRunDirectoryOfTrain() throws IOException {
        Path data = TestCorpus.write(dir, "lines.txt", TestCorpus.text(4_000, 2));
        Path run = dir.resolve("run");
        String file = data.toString();
        assertEquals(0, SparkMain.run(args("train", "--data", file, "--out", run.toString(), "--max-steps", "5")));
        assertEquals(5, CharLmCheckpoint.load(run).snapshot().step());
        assertEquals(0, SparkMain.run(args("train", "--data", file, "--resume", run.toString(),
                "--max-steps", "10")));
        CharLmCheckpoint.Loaded last = CharLmCheckpoint.load(run);
        assertEquals(10, last.snapshot().step());
        assertEquals("lines", last.dataName());
        List<String> metrics = Files.readAllLines(run.resolve(MetricsLog.FILE));
        String all = String.join("\n", metrics);
        assertEquals(10, metrics.stream().filter(l -> l.contains("\"type\":\"step\"")).count(), all);
        assertEquals(2, metrics.stream().filter(l -> l.contains("\"type\":\"validation\"")).count());

        Path scores = dir.resolve("scores");
        assertEquals(0, SparkMain.run("score", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--checkpoint", run.toString(), "--data", data.toString(), "--out", scores.toString()));
        long lines;
        try (Stream<Path> parts = Files.list(scores)) {
            lines = parts.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .flatMap(SparkCommandsTest::lines)
                    .filter(l -> l.contains("\"bpc\":")).count();
        }
        assertEquals(Files.readAllLines(data).size(), lines, "a row with bits per char for every line");
    }

    static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            String missing = dir.resolve("missing.txt").toString();
            assertEquals(2, SparkMain.run(args("train", "--data", missing, "--max-steps", "1")));
            assertEquals(2, SparkMain.run(args("train", "--data", "x.txt", "--partitions", "0")));
        } finally {
            System.setErr(err);
        }
        String out = captured.toString();
        assertTrue(out.contains("rnn4j: no such file: --data ") && out.contains("missing.txt"), out);
        assertTrue(out.contains("rnn4j: --partitions must be an integer >= 1, got 0"), out);
    }
}
