package dev.rnn4j.cli;

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
        Path data = tmp.resolve("text.txt");
        Files.writeString(data, CliTest.TEXT);
        Path run = tmp.resolve("run");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--data", data.toString(), "--hidden", "64", "--layers", "2", "--batch-size", "4",
                "--seq-length", "16", "--max-steps", "100000", "--checkpoint-every", "1", "--eval-every", "1000",
                "--out", run.toString()));
        // Kill at several moments after saving has begun; checkpoints are written every step, so each kill
        // lands during or between saves. Waiting for the first save (not a fixed time) keeps this valid on a
        // busy machine.
        long[] extraMillis = {0, 40, 110, 250};
        long lastStep = -1;
        for (long extra : extraMillis) {
            Files.deleteIfExists(run.resolve("latest"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(run.resolve("latest")) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(extra);
            p.destroyForcibly();   // SIGKILL
            p.waitFor();
            CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(run);
            assertNotNull(c.snapshot());
            assertTrue(c.snapshot().step() > 0);
            lastStep = c.snapshot().step();
        }
        assertTrue(lastStep > 0, "no checkpoint was ever written: " + Files.readString(tmp.resolve("log.txt")));
    }
}
