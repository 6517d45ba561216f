package dev.rnn4j.cli;

import dev.rnn4j.tool.CommandRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code sample --num-samples} and {@code --weights}, {@code eval --weights}, through the real command line. */
class SampleBatchCommandTest {
    private static final Pattern LOSS = Pattern.compile("\"loss\":([0-9.]+)");

    @Test
    void samplesAreTheSingleRunsOfTheirSeedsAndReducedWeightsScoreClose(@TempDir Path tmp) throws Exception {
        Path run = CliTest.trainTiny(tmp);
        String ckpt = run.toString();
        for (String weights : new String[] {"float32", "int8"}) {
            CommandRun batch = run("sample", "--checkpoint", ckpt, "--length", "50", "--prime", "ROMEO:", "--seed", "7",
                    "--num-samples", "3", "--weights", weights);
            assertEquals(0, batch.code(), batch.err());
            String[] parts = batch.out().split("--- sample \\d of 3 \\(seed \\d+\\) ---\\R", -1);
            assertEquals(4, parts.length, batch.out());
            for (int i = 0; i < 3; i++) {
                String header = "--- sample " + (i + 1) + " of 3 (seed " + (7 + i) + ") ---";
                assertTrue(batch.out().contains(header), batch.out());
                CommandRun alone = run("sample", "--checkpoint", ckpt, "--length", "50", "--prime", "ROMEO:",
                        "--seed", String.valueOf(7 + i), "--weights", weights);
                assertEquals(0, alone.code(), alone.err());
                assertEquals(alone.out().strip(), parts[i + 1].strip(), weights + " sample " + (i + 1));
            }
        }

        CommandRun full = run("eval", "--checkpoint", ckpt, "--data", tmp.resolve("romeo.txt").toString(), "--json");
        CommandRun int8 = run("eval", "--checkpoint", ckpt, "--data", tmp.resolve("romeo.txt").toString(), "--json",
                "--weights", "int8");
        assertEquals(0, int8.code(), int8.err());
        assertTrue(int8.out().contains("\"weights\":\"int8\""), int8.out());
        assertTrue(full.out().contains("\"weights\":\"float32\""), full.out());
        double a = loss(full.out()), b = loss(int8.out());
        assertEquals(a, b, 0.005 * a, "int8 costs under 0.5% of the loss");
        CommandRun bf16 = run("eval", "--checkpoint", ckpt, "--data", tmp.resolve("romeo.txt").toString(),
                "--weights", "bf16");
        assertTrue(bf16.out().contains("weights: bf16") && bf16.out().contains("nats/char"), bf16.out());
    }

    private static double loss(String json) {
        Matcher m = LOSS.matcher(json);
        assertTrue(m.find(), json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void temperatureZeroIsGreedy(@TempDir Path tmp) throws Exception {
        String ckpt = CliTest.trainTiny(tmp).toString();
        CommandRun greedy = run("sample", "--checkpoint", ckpt, "--length", "80", "--prime", "RO", "--greedy");
        CommandRun zero = run("sample", "--checkpoint", ckpt, "--length", "80", "--prime", "RO", "--temperature", "0",
                "--seed", "5");
        CommandRun warm = run("sample", "--checkpoint", ckpt, "--length", "80", "--prime", "RO", "--temperature", "2",
                "--seed", "5");
        assertEquals(0, zero.code(), zero.err());
        assertEquals(greedy.out(), zero.out());
        assertNotEquals(greedy.out(), warm.out(), "a hot sample differs from the most likely text");
    }

    @Test
    void badFlagsGetOneLine(@TempDir Path tmp) throws Exception {
        Path run = CliTest.trainTiny(tmp);
        CommandRun weights = run("sample", "--checkpoint", run.toString(), "--weights", "fp8");
        assertEquals(2, weights.code());
        assertTrue(weights.err().contains("--weights 'fp8'"), weights.err());
        assertTrue(weights.err().contains("float32, bf16, int8"), weights.err());
        CommandRun zero = run("sample", "--checkpoint", run.toString(), "--num-samples", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--num-samples"), zero.err());
        CommandRun probs = run("sample", "--checkpoint", run.toString(), "--num-samples", "2", "--probs");
        assertEquals(2, probs.code());
        assertTrue(probs.err().contains("--probs") && probs.err().contains("--num-samples"), probs.err());
        assertEquals(1, probs.err().strip().lines().count(), probs.err());
        CommandRun evalWeights = run("eval", "--checkpoint", run.toString(), "--weights", "int4");
        assertEquals(2, evalWeights.code());
        assertTrue(evalWeights.err().contains("--weights"), evalWeights.err());
    }
}
