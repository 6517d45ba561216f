package dev.rnn4j.cli;

import dev.rnn4j.io.Npy;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code rnn4j keras summary|predict|evaluate|fit} on a real Keras file and the reference outputs of keras/'s tests.
 */
class KerasCommandTest {
    private static final Path MODELS = Path.of("../keras/src/test/resources/models");
    private static final Path MODEL = MODELS.resolve("imdb-lstm.keras");

    @Test
    void summary() {
        CommandRun r = CommandRun.run(new Main(), "keras", "summary", MODEL.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(None, 100, 16)") && r.out().contains("(LSTM)"), r.out());
        assertTrue(r.out().contains("│ lstm (LSTM)                     │ (None, 8)              │           800 │\n"),
                r.out());
        assertTrue(r.out().contains("\n Trainable params: 8,809 (34.41 KB)\n"), r.out());
        assertTrue(r.out().contains("\n Optimizer params: 8,811 (34.42 KB)\n"), r.out());   // RMSprop's, from the file
        CommandRun tf2 = CommandRun.run(new Main(), "keras", "summary", MODEL.toString(), "--style", "keras2");
        assertEquals(0, tf2.code(), tf2.err());
        assertTrue(tf2.out().contains("\nTotal params: 8,809\n"), tf2.out());
        CommandRun bad = CommandRun.run(new Main(), "keras", "summary", MODEL.toString(), "--style", "keras1");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("--style must be keras3 or keras2"), bad.err());
    }

    @Test
    void predictWritesTheReferenceOutputs(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("y.npy");
        CommandRun r = CommandRun.run(new Main(), "keras", "predict", MODEL.toString(), "--input",
                MODELS.resolve("x_imdb-lstm.npy").toString(), "--output", out.toString(), "--batch-size", "5");
        assertEquals(0, r.code(), r.err());
        Tensor y = Npy.read(out).toTensor(), expected = Npy.read(MODELS.resolve("y_imdb-lstm.npy")).toTensor();
        assertArrayEquals(expected.shape(), y.shape());
        for (int i = 0; i < y.numel(); i++) assertEquals(expected.data()[i], y.data()[i], 2e-5);
    }

    @Test
    void anEncoderDecoderTakesItsTwoInputsInOrder(@TempDir Path dir) throws IOException {
        String model = MODELS.resolve("seq2seq-lstm.keras").toString(), x = MODELS.resolve("x_seq2seq-lstm.npy")
                .toString(), x2 = MODELS.resolve("x2_seq2seq-lstm.npy").toString();
        Path out = dir.resolve("y.npy");
        CommandRun r = CommandRun.run(new Main(), "keras", "predict", model, "--input", x, "--input", x2, "--output",
                out.toString());
        assertEquals(0, r.code(), r.err());
        Tensor y = Npy.read(out).toTensor(), expected = Npy.read(MODELS.resolve("y_seq2seq-lstm.npy")).toTensor();
        assertArrayEquals(expected.shape(), y.shape());
        for (int i = 0; i < y.numel(); i++) assertEquals(expected.data()[i], y.data()[i], 2e-5);
        CommandRun one = CommandRun.run(new Main(), "keras", "predict", model, "--input", x, "--output",
                out.toString());
        assertEquals(2, one.code());
        assertEquals("rnn4j: this model takes 2 inputs, the encoder's then the decoder's: give --input 2 times, got 1",
                one.err().strip());
        CommandRun two = CommandRun.run(new Main(), "keras", "predict", MODEL.toString(), "--input", x, "--input", x2,
                "--output", out.toString());
        assertEquals(2, two.code());
        assertEquals("rnn4j: this model takes one input: give --input once, got 2", two.err().strip());
        Path trained = dir.resolve("trained.keras");
        CommandRun fit = CommandRun.run(new Main(), "keras", "fit", model, "--x", x, "--x", x2, "--y",
                MODELS.resolve("labels_seq2seq-lstm.npy").toString(), "--epochs", "2", "--batch-size", "2", "--out",
                trained.toString());
        assertEquals(0, fit.code(), fit.err());
        CommandRun summary = CommandRun.run(new Main(), "keras", "summary", trained.toString());
        assertTrue(summary.out().contains("Connected to") && summary.out().contains("Optimizer params"), summary.out());
    }

    @Test
    void evaluatePrintsLossAndAccuracy() {
        CommandRun r = CommandRun.run(new Main(), "keras", "evaluate", MODEL.toString(), "--x",
                MODELS.resolve("x_imdb-lstm.npy").toString(), "--y", MODELS.resolve("labels_imdb-lstm.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("loss: 1.4631 - accuracy: 0.3750", r.out().strip());
    }

    @Test
    void fitTrainsFurtherAndSavesACompiledKerasFile(@TempDir Path dir) throws IOException {
        // imdb-2lstm: Keras 3.6's LSTM(8, dropout=0.3) twice, RMSprop; fit applies the dropout, evaluate does not
        Path model = MODELS.resolve("imdb-2lstm.keras"), out = dir.resolve("trained.keras");
        String x = MODELS.resolve("x_imdb-2lstm.npy").toString(), y = MODELS.resolve("labels_imdb-lstm.npy").toString();
        CommandRun r = CommandRun.run(new Main(), "keras", "fit", model.toString(), "--x", x, "--y", y, "--epochs", "2",
                "--batch-size", "4", "--out", out.toString());
        // in row order, twice from the same file: the same model (dropout and all come from the seed)
        Path a = dir.resolve("a.keras"), b = dir.resolve("b.keras");
        for (Path p : new Path[] {a, b}) {
            CommandRun ordered = CommandRun.run(new Main(), "keras", "fit", model.toString(), "--x", x, "--y", y,
                    "--no-shuffle", "--out", p.toString());
            assertEquals(0, ordered.code(), ordered.err());
        }
        CommandRun pa = CommandRun.run(new Main(), "keras", "evaluate", a.toString(), "--x", x, "--y", y);
        CommandRun pb = CommandRun.run(new Main(), "keras", "evaluate", b.toString(), "--x", x, "--y", y);
        assertEquals(pa.out(), pb.out());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Epoch 1/2 - 2 steps") && r.out().contains("Epoch 2/2"), r.out());
        assertTrue(r.out().strip().endsWith("saved " + out), r.out());
        CommandRun before = CommandRun.run(new Main(), "keras", "evaluate", model.toString(), "--x", x, "--y", y);
        CommandRun after = CommandRun.run(new Main(), "keras", "evaluate", out.toString(), "--x", x, "--y", y);
        assertEquals(0, after.code(), after.err());                     // the saved file keeps its compile settings
        assertTrue(after.out().startsWith("loss: "), after.out());
        assertNotEquals(before.out(), after.out(), "the weights moved");
        CommandRun uncompiled = CommandRun.run(new Main(), "keras", "fit",
                MODELS.resolve("keras2-hard-sigmoid.h5").toString(), "--x",
                MODELS.resolve("x_keras2-hard-sigmoid.npy").toString(), "--y", y, "--out", dir.resolve("u.keras")
                        .toString());
        assertEquals(2, uncompiled.code(), uncompiled.out());
        assertTrue(uncompiled.err().contains("has no compile settings this library supports"), uncompiled.err());
        assertFalse(Files.exists(dir.resolve("u.keras")));
    }

    @Test
    void badInputIsOneLineAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("y.npy");
        CommandRun wrongShape = CommandRun.run(new Main(), "keras", "predict", MODEL.toString(), "--input",
                MODELS.resolve("x_gru-reset-before.npy").toString(), "--output", out.toString());
        assertEquals(2, wrongShape.code());
        assertTrue(wrongShape.err().startsWith("rnn4j: --input") && wrongShape.err().contains("(None, 100)"),
                wrongShape.err());
        Path broken = dir.resolve("broken.keras");
        byte[] bytes = Files.readAllBytes(MODEL);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CommandRun corrupt = CommandRun.run(new Main(), "keras", "summary", broken.toString());
        assertEquals(2, corrupt.code());
        assertEquals(1, corrupt.err().strip().lines().count(), corrupt.err());
        CommandRun unsupported =
                CommandRun.run(new Main(), "keras", "summary", MODELS.resolve("unsupported-conv1d.keras").toString());
        assertEquals(2, unsupported.code());
        assertTrue(unsupported.err().contains("Conv1D"), unsupported.err());
        assertFalse(Files.exists(out));
    }
}
