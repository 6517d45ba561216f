package dev.rnn4j.golden;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One PyTorch reference case (a {@code .safetensors} file, see core/src/test/resources/golden/README.md):
 * its tensors, its {@code case} description, and the comparison every check uses.
 */
public final class GoldenCase {
    /**
     * The cases are float64 PyTorch results; our float32 arithmetic differs by accumulated rounding, about
     * 1e-7 per operation. 1e-5 of a tensor's largest magnitude leaves room for that over a few dozen
     * steps while any real mistake (a wrong gate, a missed mask) is off by far more.
     */
    public static final double TOLERANCE = 1e-5;

    private final String name;
    private final SafeTensorsFile file;
    private final Map<String, Object> params;

    private GoldenCase(String name, SafeTensorsFile file, Map<String, Object> params) {
        this.name = name;
        this.file = file;
        this.params = params;
    }

    public static GoldenCase read(Path path) throws IOException {
        SafeTensorsFile f = SafeTensors.read(path);
        String json = f.metadata().get("case");
        if (json == null) throw new IllegalArgumentException(path + " has no __metadata__.case");
        return new GoldenCase(path.getFileName().toString(), f, Json.parseObject(json));
    }

    public String name() { return name; }

    public String kind() { return string("kind"); }

    public Map<String, Object> params() { return params; }

    public String string(String key) { return (String) required(key); }

    public int integer(String key) { return Math.toIntExact((Long) required(key)); }

    public double number(String key) { return ((Number) required(key)).doubleValue(); }

    public boolean flag(String key) { return (Boolean) required(key); }

    public boolean has(String tensor) { return file.has(tensor); }

    public List<String> names() { return file.names(); }

    public Tensor tensor(String tensor) { return file.tensor(tensor); }

    public long[] longs(String tensor) { return file.longs(tensor); }

    /** Tensor {@code expectedName} of the case equals {@code actual} within {@link #TOLERANCE}. */
    public void assertClose(String expectedName, Tensor actual) { assertClose(expectedName, actual, TOLERANCE); }

    /** The same with another relative tolerance, e.g. for a multi-step training run where rounding compounds. */
    public void assertClose(String expectedName, Tensor actual, double tolerance) {
        Tensor expected = tensor(expectedName);
        if (actual == null) fail(name + ": " + expectedName + " was not produced");
        assertArrayEquals(expected.shape(), actual.shape(), name + ": shape of " + expectedName);
        float[] e = expected.data(), a = actual.data();
        double max = 0;
        for (float v : e) {
            // A non-finite reference would turn the limit into NaN or infinity and let anything pass.
            if (!Float.isFinite(v)) {
                fail(name + ": reference " + expectedName + " holds " + v + "; regenerate the case");
            }
            max = Math.max(max, Math.abs(v));
        }
        double tol = tolerance * max;
        int worst = -1;
        double worstDiff = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) a[i] - e[i]);
            if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
            if (d > worstDiff) { worstDiff = d; worst = i; }
        }
        if (worstDiff > tol) {
            fail(String.format(
                    "%s: %s differs most at %s: expected %.8g, got %.8g (|diff| %.3g > %.1g × max|expected| %.4g)",
                    name, expectedName, Arrays.toString(index(worst, expected.shape())), e[worst], a[worst],
                    worstDiff, tolerance, max));
        }
    }

    private Object required(String key) {
        if (!params.containsKey(key)) {
            throw new IllegalArgumentException(name + ": case has no '" + key + "' (" + params + ")");
        }
        return params.get(key);
    }

    private static int[] index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    @Override
    public String toString() { return name + " " + params; }
}
