package dev.rnn4j.cli;

import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Ctrl-C and {@code kill} (SIGTERM) stop a real training process cleanly: it finishes the step it is in,
 * writes a checkpoint of exactly that step, says so, and {@code --resume} continues from it.
 */
class SigtermSavesTest {
    @Test
    void sigtermSavesACheckpointThatResumes(@TempDir Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("text.txt"), CliTest.TEXT);
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("log.txt");
        // No checkpoint or validation would happen on its own for 100,000 steps: whatever is saved, the signal saved.
        Process p = new ProcessBuilder(KillDuringSaveTest.command(data, run, false, "--hidden", "32", "--layers", "1",
                "--batch-size", "4", "--seq-length", "16", "--max-steps", "100000", "--eval-every", "100000"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path metrics = run.resolve(MetricsLog.FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stepLines(metrics) < 10) {
            assertTrue(p.isAlive(), "training ended early: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no 10 steps in 60 s: " + Files.readString(log));
            Thread.sleep(50);
        }
        assertFalse(Files.exists(run.resolve("latest")), "no checkpoint before the signal");
        p.destroy();   // SIGTERM on Linux, as `kill` and close to Ctrl-C (SIGINT); both run the shutdown hooks
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process did not exit after SIGTERM");
        String out = Files.readString(log);
        assertEquals(143, p.exitValue(), "128 + SIGTERM, as any program stopped by kill: " + out);
        assertFalse(out.contains("Exception"), out);

        long steps = stepLines(metrics);
        CharLmCheckpoint.Loaded saved = CharLmCheckpoint.load(run);
        assertEquals(steps, saved.snapshot().step(), "the checkpoint holds the last finished step");
        assertTrue(out.contains("stopped (interrupted) at step " + steps), out);

        CommandRun resumed = Cli.run("train", "--data", data.toString(), "--resume", run.toString(), "--max-steps",
                Long.toString(steps + 5));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step " + steps), resumed.out());
        assertTrue(resumed.out().contains("stopped (max steps) at step " + (steps + 5)), resumed.out());
    }

    private static long stepLines(Path metrics) throws java.io.IOException {
        if (!Files.exists(metrics)) return 0;
        return Files.readString(metrics).lines().filter(l -> l.contains("\"type\":\"step\"")).count();
    }
}
