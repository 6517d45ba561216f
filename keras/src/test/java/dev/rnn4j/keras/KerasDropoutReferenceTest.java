package dev.rnn4j.keras;

import dev.rnn4j.io.Json;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The dropout loop against Keras's cell equations with the same masks: {@code src/test/resources/dropout/cases.json},
 * written by its {@code gen.py} (Keras 3's SimpleRNN, LSTM and GRU cells transcribed in float64 PyTorch, gradients by
 * autograd). The masks come in Keras's gate order and are placed here as {@link DropoutRecurrence} places drawn ones,
 * so a mask on the wrong gate, a masked state where Keras keeps it, or a missed mask fails.
 */
class KerasDropoutReferenceTest {
    @Test
    void matchesKerasEquations() throws IOException {
        List<Object> cases;
        try (InputStream in = getClass().getResourceAsStream("/dropout/cases.json")) {
            assertNotNull(in, "dropout/cases.json is on the test class path");
            cases = Json.parseList(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(7, cases.size());
        for (Object o : cases) check(cast(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) { return (Map<String, Object>) o; }

    private static void check(Map<String, Object> c) {
        String name = Json.getString(c, "name");
        int B = (int) Json.getLong(c, "batch"), T = (int) Json.getLong(c, "steps");
        int F = (int) Json.getLong(c, "features"), H = (int) Json.getLong(c, "units");
        Recurrent spec = switch (Json.getString(c, "kind")) {
            case "LSTM" -> new LSTM(H).implementation((int) Json.getLong(c, "implementation"));
            case "GRU" -> new GRU(H).resetAfter(Json.getBoolean(c, "reset_after"))
                    .implementation((int) Json.getLong(c, "implementation"));
            default -> new SimpleRNN(H);
        };
        spec.dropout(Json.getDouble(c, "dropout")).recurrentDropout(Json.getDouble(c, "recurrent_dropout"));
        RecurrentRunner runner = new RecurrentRunner(spec, F, false, MergeMode.CONCAT, new Rng(0));
        for (String p : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
            Parameter param = runner.network.parameter(p + "_l0");
            param.set(new Tensor(floats(c, p), param.shape()));
        }
        DropoutRecurrence loop = new DropoutRecurrence(spec, F, 1, runner.network);
        RecurrentDropoutMasks masks = RecurrentDropoutMasks.place(spec.kind, new float[][][] {masks(c, "input_masks")},
                new float[][][] {masks(c, "recurrent_masks")});
        Tensor x = new Tensor(floats(c, "x"), B, T, F);
        RecurrentPass pass = loop.forward(x, null, null, null, masks);
        assertClose(name + " output", floats(c, "output"), pass.output().data());
        runner.network.parameters().forEach(Parameter::zeroGrad);
        RecurrentGradients g = pass.backward(new Tensor(floats(c, "upstream"), B, T, H), null, null);
        assertClose(name + " dx", floats(c, "grad_x"), g.input().data());
        for (String p : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
            if (c.get("grad_" + p) == null) continue;      // b_hh where Keras has none (rnn4j holds it at zero)
            assertClose(name + " d" + p, floats(c, "grad_" + p), runner.network.parameter(p + "_l0").grad());
        }
    }

    /** Keras's masks of one kind, in its gate order; an empty array when that dropout is off. */
    private static float[][] masks(Map<String, Object> c, String key) {
        List<?> list = (List<?>) c.get(key);
        float[][] out = new float[list.size()][];
        for (int i = 0; i < out.length; i++) out[i] = floats((List<?>) list.get(i));
        return out;
    }

    private static float[] floats(Map<String, Object> c, String key) { return floats((List<?>) c.get(key)); }

    private static float[] floats(List<?> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) values.get(i)).floatValue();
        return out;
    }

    /** float32 against float64: within 1e-5 of the tensor's largest magnitude, as the golden cases allow. */
    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " size");
        double scale = 1e-6;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-5 * scale) {
                fail(what + "[" + i + "]: Keras's equations " + expected[i] + ", rnn4j " + actual[i]);
            }
        }
    }
}
