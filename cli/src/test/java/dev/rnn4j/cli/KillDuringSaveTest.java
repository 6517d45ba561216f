package dev.rnn4j.cli;

import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.CharLmCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kills a real training process (SIGKILL, no chance to clean up) while it writes a checkpoint at every
 * step, several times at different moments: the run directory's latest checkpoint must always load.
 */
class KillDuringSaveTest {
    @Test
    void latestCheckpointSurvivesKill(@TempDir Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("text.txt"), CliTest.TEXT);
        Path run = tmp.resolve("run");
        // Kill at several moments after saving has begun; checkpoints are written every step, so each kill
        // lands during or between saves. Waiting for a save (not a fixed time) keeps this valid on a busy
        // machine. After the first kill each start resumes the run (a new run may not reuse its directory).
        long[] extraMillis = {0, 40, 110, 250};
        long lastStep = -1;
        for (long extra : extraMillis) {
            boolean resume = Files.exists(run.resolve("latest"));
            Path before = resume ? Files.readSymbolicLink(run.resolve("latest")) : null;
            List<String> cmd = command(data, run, resume, "--hidden", "64", "--layers", "2", "--batch-size", "4",
                    "--seq-length", "16", "--max-steps", "100000", "--checkpoint-every", "1", "--eval-every", "1000");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("log.txt").toFile()).start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!savedSince(run, before) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            // The kill must land in a live run that has saved since it started, or the test proves nothing.
            assertTrue(savedSince(run, before), "no checkpoint saved within the time limit (kill " + extra + " ms): "
                    + Files.readString(tmp.resolve("log.txt")));
            Thread.sleep(extra);
            assertTrue(p.isAlive(),
                    "the run ended by itself before the kill: " + Files.readString(tmp.resolve("log.txt")));
            p.destroyForcibly();   // SIGKILL
            p.waitFor();
            CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(run);
            assertNotNull(c.snapshot());
            assertTrue(c.snapshot().step() > lastStep, "each run progressed past the last checkpoint " + lastStep
                    + ", now at " + c.snapshot().step());
            lastStep = c.snapshot().step();
        }
        assertTrue(lastStep > 0, "no checkpoint was ever written: " + Files.readString(tmp.resolve("log.txt")));
        // Each resume dropped the metrics of steps its checkpoint did not hold: the steps read 1, 2, 3, ... once each.
        List<Long> steps = Files.readAllLines(run.resolve(MetricsLog.FILE)).stream()
                .filter(l -> l.startsWith("{\"type\":\"step\"") && l.endsWith("}")).map(MetricsLog::stepOf).toList();
        for (int i = 0; i < steps.size(); i++) assertEquals(i + 1, steps.get(i), "step line " + i);
    }

    /** True once {@code run/latest} exists and points elsewhere than {@code before} (null: anywhere). */
    private static boolean savedSince(Path run, Path before) {
        try {
            return Files.exists(run.resolve("latest")) && !Files.readSymbolicLink(run.resolve("latest")).equals(before);
        } catch (java.io.IOException e) {
            return false;   // the link is being swapped: look again
        }
    }

    /**
     * {@code java ... Main train --data DATA (--out RUN | --resume RUN) ARGS} in a fresh JVM with this test's
     * classpath.
     */
    static List<String> command(Path data, Path run, boolean resume, String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--data", data.toString(), resume ? "--resume" : "--out", run.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
