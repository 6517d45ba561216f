package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.tool.CommandRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/** The train → sample → eval round trip and the bad-input paths, through the real command line. */
class CliTest {
    static final String TEXT = ("ROMEO:\nBut, soft! what light through yonder window breaks?\n"
            + "It is the east, and Juliet is the sun.\n\n"
            + "JULIET:\nO Romeo, Romeo! wherefore art thou Romeo?\n").repeat(20);

    static Path trainTiny(Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), TEXT);
        Path run = tmp.resolve("run");
        CommandRun r = run("train", "--data", data.toString(), "--hidden", "24", "--layers", "1", "--batch-size", "4",
                "--seq-length", "16", "--max-steps", "60", "--eval-every", "20", "--lr", "0.01", "--out",
                run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("next: ./rnn4j sample --checkpoint"), r.out());
        return run;
    }

    @Test
    void trainSampleEval(@TempDir Path tmp) throws Exception {
        Path run = trainTiny(tmp);
        assertTrue(Files.isRegularFile(run.resolve("latest/model.safetensors")));
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"type\":\"validation\""), metrics);
        assertEquals(60 + 3, metrics.lines().count(), "a line per step and per validation");

        CommandRun a =
                run("sample", "--checkpoint", run.toString(), "--length", "80", "--prime", "ROMEO:", "--seed", "3");
        CommandRun b =
                run("sample", "--checkpoint", run.toString(), "--length", "80", "--prime", "ROMEO:", "--seed", "3");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out(), "same seed, same text");
        assertTrue(a.out().startsWith("ROMEO:"));

        CommandRun probs = run("sample", "--checkpoint", run.toString(), "--length", "3", "--probs", "2");
        assertEquals(3, probs.out().lines().count(), probs.out());
        assertTrue(probs.out().lines().allMatch(l -> l.startsWith("{\"char\":") && l.contains("\"top\":[[")),
                probs.out());

        Path other = tmp.resolve("other.txt");
        Files.writeString(other, "Romeo, Romeo! ZZZ");
        CommandRun e = run("eval", "--checkpoint", run.toString(), "--data", other.toString(), "--seq-length", "5",
                "--batch-size", "1");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("bits/char"), e.out());
        assertTrue(e.out().contains("skipped 3 characters") && e.out().contains("'Z' (U+005A)"), e.out());
    }

    @Test
    void badInputGetsOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        Path run = trainTiny(tmp);
        CommandRun unknown = run("sample", "--checkpoint", run.toString(), "--prime", "Zoë");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'Z' (U+005A)") && unknown.err().contains("'ë' (U+00EB)"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

        Path latin1 = tmp.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        CommandRun notUtf8 = run("train", "--data", latin1.toString(), "--max-steps", "1");
        assertEquals(2, notUtf8.code());
        assertTrue(notUtf8.err().contains("not valid UTF-8") && notUtf8.err().contains("iconv"), notUtf8.err());

        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.write(broken.resolve("model.safetensors"), new byte[] {1, 2, 3});
        CommandRun corrupt = run("sample", "--checkpoint", broken.toString());
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("model.safetensors"), corrupt.err());

        CommandRun missing = run("sample", "--checkpoint", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such checkpoint directory"), missing.err());

        CommandRun badCell = run("train", "--cell", "transformer", "--max-steps", "1");
        assertEquals(2, badCell.code());
        assertTrue(badCell.err().contains("--cell"), badCell.err());
    }

    @Test
    void resumeContinuesTheRun(@TempDir Path tmp) throws Exception {
        Path run = trainTiny(tmp);
        CommandRun r = run("train", "--data", tmp.resolve("romeo.txt").toString(), "--resume", run.toString(),
                "--max-steps", "80");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming at step 60"), r.out());
        assertTrue(r.out().contains("at step 80"), r.out());
    }

    /** The regularisers through the command line: recorded, resumed, sampled, and refused when changed. */
    @Test
    void regularisedRunResumesSamplesAndRefusesAChangedOption(@TempDir Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), TEXT);
        Path run = tmp.resolve("run");
        String[] flags = {"train", "--data", data.toString(), "--hidden", "16", "--layers", "2", "--batch-size", "4",
            "--seq-length", "16", "--eval-every", "20", "--dropout", "0.2", "--dropout-mode", "locked",
            "--weight-drop", "0.25", "--tie-weights", "--out", run.toString()};
        CommandRun first = run(concat(flags, "--max-steps", "20"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("dropout 0.2 locked, weight drop 0.25, tied embedding and output weights"),
                first.out());
        var config = CharLmCheckpoint.loadModel(run).model().config();
        assertEquals(new CharLmConfig.Regularization(true, CharLmConfig.DropoutMode.LOCKED, 0.25f),
                config.regularization());

        CommandRun resumed = run("train", "--data", data.toString(), "--resume", run.toString(), "--max-steps", "40");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 20"), resumed.out());
        CommandRun sample = run("sample", "--checkpoint", run.toString(), "--length", "20", "--prime", "ROMEO:");
        assertEquals(0, sample.code(), sample.err());
        assertTrue(sample.out().startsWith("ROMEO:"), sample.out());

        CommandRun changed = run("train", "--data", data.toString(), "--resume", run.toString(), "--max-steps", "60",
                "--dropout-mode", "standard");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("--dropout-mode is standard where the run has locked"), changed.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void patienceStopsARunOnAPlateauAndItsResumeSaysItIsDone(@TempDir Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), TEXT);
        Path run = tmp.resolve("run");
        // an lr far below the weights' last bits: every validation after the first gives the same loss
        CommandRun r = run("train", "--data", data.toString(), "--hidden", "24", "--batch-size", "4", "--seq-length",
                "16", "--max-steps", "500", "--eval-every", "10", "--lr", "1e-12", "--ema", "0", "--patience", "2",
                "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stopped (no improvement) at step 30"), r.out());
        CommandRun again = run("train", "--resume", run.toString());
        assertEquals(2, again.code(), again.out());
        assertTrue(again.err().contains("the run is done") && again.err().contains("--patience is 2"), again.err());
        CommandRun more = run("train", "--resume", run.toString(), "--patience", "3");
        assertEquals(0, more.code(), more.err());
        assertTrue(more.out().contains("stopped (no improvement) at step 40"), more.out());
    }

    @Test
    void gradcheckPassesAndBenchRejectsUnknownWorkloads() {
        CommandRun g = run("gradcheck", "--cell", "gru", "--layers", "2", "--bidirectional", "--packed");
        assertEquals(0, g.code(), g.out() + g.err());
        assertTrue(g.out().contains("weight_hh_l1_reverse") && g.out().contains("PASSED"), g.out());
        CommandRun b = run("bench", "--only", "warp_drive");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("unknown workload 'warp_drive'"), b.err());
    }
}
