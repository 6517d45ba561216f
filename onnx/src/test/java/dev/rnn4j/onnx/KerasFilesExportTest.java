package dev.rnn4j.onnx;

import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras → rnn4j → ONNX without TensorFlow: every Keras file the keras module's tests load (real Keras 3 files and
 * generated ones, see their PROVENANCE.md) exports, and onnxruntime's predictions equal the loaded model's.
 */
class KerasFilesExportTest {
    static final Path MODELS = Path.of("..", "keras", "src", "test", "resources", "models");
    static final int B = 3, T = 9;

    static Stream<Path> files() throws IOException {
        try (Stream<Path> all = Files.list(MODELS)) {
            return all.filter(p -> p.toString().endsWith(".keras") || p.toString().endsWith(".h5"))
                    .filter(p -> !p.getFileName().toString().startsWith("unsupported")).sorted().toList().stream();
        }
    }

    @Test
    void theKerasFilesAreThere() throws IOException {
        assertTrue(files().count() >= 10, "Keras test files in " + MODELS.toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void onnxruntimeEqualsTheLoadedModel(Path file) {
        KerasModel loaded = KerasModels.loadModel(file);
        Rng rng = new Rng(17);
        Tensor expected;
        Tensor got;
        if (loaded instanceof Sequential model) {
            try (Ort ort = new Ort(OnnxExport.sequential(model))) {
                Tensor x = feed(ort, "input", model.layers().getFirst(), new int[] {T, T / 2, 1}, rng);
                expected = model.predict(x);
                got = ort.run().get("output");
            }
        } else {
            // an encoder-decoder: the encoder's rows padded (one all padding, whose states are zeros)
            EncoderDecoder model = (EncoderDecoder) loaded;
            try (Ort ort = new Ort(OnnxExport.encoderDecoder(model))) {
                Tensor source = feed(ort, "encoder_input", model.encoderLayers().getFirst(), new int[] {T, T / 2, 1, 0},
                        rng);
                Tensor target = feed(ort, "decoder_input", model.decoderLayers().getFirst(), new int[] {6, 6, 6, 6},
                        rng);
                expected = model.predict(List.of(source, target), 4);
                got = ort.run().get("output");
            }
        }
        double err = Ort.maxError(expected, got);
        System.out.printf("ONNX Keras file %s: max abs error %.2e (outputs up to %.3f)%n", file.getFileName(), err,
                RecurrentExportTest.maxAbs(expected));
        assertTrue(err <= Ort.TOLERANCE, file + ": max abs error " + err);
    }

    /**
     * Random input {@code name} for a model starting with {@code first}: token ids right-padded with 0 after
     * {@code lengths[b]} steps, or floats (all steps), one row per length; fed to {@code ort} and returned.
     */
    private static Tensor feed(Ort ort, String name, Layer first, int[] lengths, Rng rng) {
        long[] shape = ort.inputShape(name);
        int rows = lengths.length;
        if (ort.takesLongs(name)) {
            int vocab = ((Embedding) first).inputDim();
            int steps = shape[1] > 0 ? (int) shape[1] : Arrays.stream(lengths).max().orElse(1);
            Tensor x = Tensor.zeros(rows, steps);
            for (int b = 0; b < rows; b++) {
                for (int t = 0; t < Math.min(steps, lengths[b]); t++) x.set(1 + rng.nextInt(vocab - 1), b, t);
            }
            ort.longs(name, SequentialExportTest.longs(x.data()), rows, steps);
            return x;
        }
        int[] dims = new int[shape.length];
        dims[0] = rows;
        for (int i = 1; i < dims.length; i++) dims[i] = shape[i] > 0 ? (int) shape[i] : T;
        Tensor x = Tensor.randn(rng, dims);
        ort.floats(name, x);
        return x;
    }
}
