package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.tool.CommandLines;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./rnn4j import torch} on files PyTorch wrote (rnn4j-torch's test resources), good and bad. */
class ImportCommandTest {
    private static final Path FILES = Path.of("../torch/src/test/resources/torch");
    private static final String CHARS = FILES.resolve("charlm_chars.txt").toString();

    @TempDir
    Path tmp;

    @Test
    void anImportedModelSamplesAndEvaluates() throws Exception {
        Path out = tmp.resolve("imported");
        CommandRun r = run("import", "torch", "--state-dict", FILES.resolve("charlm_rnn_relu.pt").toString(),
                "--vocab", CHARS,
                "--out", out.toString(), "--nonlinearity", "relu");
        assertEquals(0, r.code(), r.err());
        CharLmConfig c = CharLmCheckpoint.loadModel(out).model().config();
        assertEquals(3, c.embeddingSize());
        assertEquals(5, c.hiddenSize());
        assertEquals("RELU", c.nonlinearity().name());

        CommandRun s = run("sample", "--checkpoint", out.toString(), "--length", "40", "--seed", "1");
        assertEquals(0, s.code(), s.err());
        assertFalse(s.out().isBlank());
        Path text = Files.writeString(tmp.resolve("text.txt"), "the quick brown fox\nthe fox\n");
        CommandRun e = run("eval", "--checkpoint", out.toString(), "--data", text.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("loss"), e.out());
    }

    @Test
    void aHostilePickleExitsTwoWithOneLineAndWritesNothing() {
        Path out = tmp.resolve("evil");
        oneLineError(run("import", "torch", "--state-dict", FILES.resolve("evil.pt").toString(), "--vocab", CHARS,
                "--out", out.toString()), "posix.system");
        assertFalse(Files.exists(out));
    }

    /** Training checkpoints: protocol 4 with an optimizer state, found without --key; two state_dicts need one. */
    @Test
    void aTrainingCheckpointImportsWithOrWithoutItsKey() throws Exception {
        String ckpt = FILES.resolve("ckpt_lstm_p4.pt").toString();
        for (String[] key : new String[][] {{}, {"--key", "model_state_dict"}}) {
            Path out = tmp.resolve("ckpt" + key.length);
            String[] args = {"import", "torch", "--state-dict", ckpt, "--vocab", CHARS, "--out", out.toString()};
            CommandRun r = run(concat(args, key));
            assertEquals(0, r.code(), r.err());
            assertEquals(6, CharLmCheckpoint.loadModel(out).model().config().hiddenSize());
        }
        Path out = tmp.resolve("bad");
        oneLineError(run("import", "torch", "--state-dict", ckpt, "--key", "optimizer_state_dict", "--vocab", CHARS,
                "--out", out.toString()), "state_dicts in it: model_state_dict");
        oneLineError(run("import", "torch", "--state-dict", FILES.resolve("ckpt_two.pt").toString(), "--vocab",
                CHARS, "--out", out.toString()), "2 state_dicts, under model, ema");
        oneLineError(run("import", "torch", "--state-dict", ckpt, "--key", "", "--vocab", CHARS, "--out",
                out.toString()), "--key is empty");
        oneLineError(run("import", "torch", "--state-dict", FILES.resolve("full_model_p4.pt").toString(), "--vocab",
                CHARS, "--out", out.toString()), "torch.save(model.state_dict(), FILE)");
        assertFalse(Files.exists(out));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void damagedFilesAndWrongArgumentsExitTwoAndWriteNothing() throws Exception {
        byte[] real = Files.readAllBytes(FILES.resolve("charlm_lstm_proj.pt"));
        Path cut = Files.write(tmp.resolve("cut.pt"), Arrays.copyOf(real, real.length / 2));
        Path out = tmp.resolve("out");
        String model = FILES.resolve("charlm_lstm_proj.pt").toString();
        oneLineError(run("import", "torch", "--state-dict", cut.toString(), "--vocab", CHARS, "--out",
                out.toString()), "truncated");
        Path shortVocab = Files.writeString(tmp.resolve("short.txt"), "abc");
        oneLineError(run("import", "torch", "--state-dict", model, "--vocab", shortVocab.toString(), "--out",
                out.toString()),
                "the vocabulary has 3 characters but embedding.weight has 17 rows");
        oneLineError(run("import", "torch", "--state-dict", model, "--vocab", CHARS, "--out", out.toString(),
                "--nonlinearity", "relu"), "--nonlinearity is for rnn models");
        assertFalse(Files.exists(out));
    }

    @Test
    void trainTakesEmbeddingAndProjectionSizes() throws Exception {
        Path text = Files.writeString(tmp.resolve("t.txt"), "to be or not to be, that is the question. ".repeat(20));
        Path out = tmp.resolve("run");
        CommandRun r = run("train", "--data", text.toString(), "--hidden", "8", "--layers", "1", "--embedding-size",
                "3",
                "--proj-size", "4", "--max-steps", "2", "--batch-size", "2", "--seq-length", "8", "--out",
                        out.toString());
        assertEquals(0, r.code(), r.err());
        CharLmConfig c = CharLmCheckpoint.loadModel(out).model().config();
        assertEquals(3, c.embeddingSize());
        assertEquals(4, c.projSize());
        oneLineError(run("train", "--data", text.toString(), "--cell", "gru", "--proj-size", "4", "--max-steps", "1",
                "--out", tmp.resolve("gru").toString()), "--proj-size is LSTM's only");
    }

    private static void oneLineError(CommandRun r, String expected) {
        assertEquals(CommandLines.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("rnn4j: ") && r.err().strip().lines().count() == 1, r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
