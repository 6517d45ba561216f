package dev.rnn4j.onnx;

import dev.rnn4j.keras.Embedding;
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
        Sequential model = KerasModels.load(file);
        try (Ort ort = new Ort(OnnxExport.sequential(model))) {
            long[] shape = ort.inputShape("input");
            Rng rng = new Rng(17);
            Tensor x;
            if (ort.takesLongs("input")) {
                int vocab = ((Embedding) model.layers().getFirst()).inputDim();
                int steps = shape[1] > 0 ? (int) shape[1] : T;
                x = Tensor.zeros(B, steps);
                int[] lengths = {steps, steps / 2, 1};                    // right padding with 0 after these
                for (int b = 0; b < B; b++) {
                    for (int t = 0; t < lengths[b]; t++) x.set(1 + rng.nextInt(vocab - 1), b, t);
                }
                ort.longs("input", SequentialExportTest.longs(x.data()), B, steps);
            } else {
                int[] dims = new int[shape.length];
                dims[0] = B;
                for (int i = 1; i < dims.length; i++) dims[i] = shape[i] > 0 ? (int) shape[i] : T;
                x = Tensor.randn(rng, dims);
                ort.floats("input", x);
            }
            Tensor expected = model.predict(x);
            double err = Ort.maxError(expected, ort.run().get("output"));
            System.out.printf("ONNX Keras file %s: max abs error %.2e (outputs up to %.3f)%n", file.getFileName(), err,
                    RecurrentExportTest.maxAbs(expected));
            assertTrue(err <= Ort.TOLERANCE, file + ": max abs error " + err);
        }
    }
}
