package dev.rnn4j.torch;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files {@code src/test/resources/torch/gen.py} made with PyTorch, and comparisons against them. */
final class TorchFiles {
    static final Path DIR = Path.of("src/test/resources/torch");
    /** float32 forward passes of a few steps; PyTorch's own float32 results differ from ours only by rounding. */
    static final double TOLERANCE = 1e-5;

    private TorchFiles() {}

    static Path file(String name) { return DIR.resolve(name); }

    static SafeTensorsFile expected(String name) { return SafeTensors.read(DIR.resolve(name
            + ".expected.safetensors")); }

    static Map<String, Object> caseOf(SafeTensorsFile expected) {
        return Json.parseObject(expected.metadata().get("case"));
    }

    /** Asserts equal shapes and values within {@link #TOLERANCE}; returns the largest difference. */
    static double assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double max = 0;
        for (int i = 0; i < expected.numel(); i++) max = Math.max(max, Math.abs(expected.data()[i] - actual.data()[i]));
        assertTrue(max <= TOLERANCE, what + ": max abs error " + max + " > " + TOLERANCE);
        return max;
    }
}
