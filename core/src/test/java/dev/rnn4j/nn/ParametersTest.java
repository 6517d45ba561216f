package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter names, shapes and order as PyTorch's named_parameters(); seeded default init; a shared buffer works. */
class ParametersTest {

    @Test
    void namesShapesAndOrderAsPyTorch() {
        Lstm lstm = Lstm.builder(3, 6).numLayers(2).bidirectional(true).projSize(4).build();
        List<String> names = lstm.parameters().stream()
                .map(p -> p.name() + java.util.Arrays.toString(p.shape())).toList();
        assertEquals(List.of(
                "weight_ih_l0[24, 3]", "weight_hh_l0[24, 4]", "bias_ih_l0[24]", "bias_hh_l0[24]", "weight_hr_l0[4, 6]",
                "weight_ih_l0_reverse[24, 3]", "weight_hh_l0_reverse[24, 4]", "bias_ih_l0_reverse[24]",
                "bias_hh_l0_reverse[24]", "weight_hr_l0_reverse[4, 6]",
                "weight_ih_l1[24, 8]", "weight_hh_l1[24, 4]", "bias_ih_l1[24]", "bias_hh_l1[24]", "weight_hr_l1[4, 6]",
                "weight_ih_l1_reverse[24, 8]", "weight_hh_l1_reverse[24, 4]", "bias_ih_l1_reverse[24]",
                "bias_hh_l1_reverse[24]", "weight_hr_l1_reverse[4, 6]"), names);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"),
                Gru.builder(2, 3).bias(false).build().parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {9, 2}, new Gru(2, 3).parameter("weight_ih_l0").shape());
        assertArrayEquals(new int[] {3, 5}, Rnn.builder(5, 3).build().parameter("weight_ih_l0").shape());
    }

    @Test
    void defaultInitIsUniformInPlusMinusOneOverSqrtHiddenAndSeeded() {
        int H = 16;
        float k = (float) (1 / Math.sqrt(H));
        Lstm a = new Lstm(3, H), b = new Lstm(3, H), c = Lstm.builder(3, H).rng(new Rng(1)).build();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (Parameter p : a.parameters()) {
            for (float v : p.value().data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertTrue(min >= -k && max <= k, "init in [-" + k + ", " + k + "], got [" + min + ", " + max + "]");
        assertTrue(min < -0.9f * k && max > 0.9f * k, "init spans the range");
        assertArrayEquals(a.parameters().getFirst().value().data(), b.parameters().getFirst().value().data());
        assertFalse(java.util.Arrays.equals(a.parameters().getFirst().value().data(),
                c.parameters().getFirst().value().data()));
    }

    @Test
    void configRebuildsTheSameLayer() {
        Lstm a = Lstm.builder(3, 5).numLayers(2).dropout(0.2f).bidirectional(true).projSize(2).batchFirst(true)
                .rng(new Rng(77)).build();
        RecurrentConfig c = a.config();
        assertEquals(
                new RecurrentConfig(RecurrentKind.LSTM, 3, 5, 2, true, true, 0.2f, true, 2, Nonlinearity.TANH, 77), c);
        Lstm b = new Lstm(c);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value().data(), b.parameters().get(i).value().data());
        }
        assertEquals(Nonlinearity.RELU,
                Rnn.builder(2, 3).nonlinearity(Nonlinearity.RELU).build().config().nonlinearity());
    }

    @Test
    void parametersMayMoveIntoOneSharedBuffer() {
        Gru moved = Gru.builder(3, 4).numLayers(2).build(), kept = Gru.builder(3, 4).numLayers(2).build();
        dev.rnn4j.nn.ParameterBuffer buf = dev.rnn4j.nn.ParameterBuffer.of(moved.parameters());
        Tensor x = randn(1, 5, 2, 3), dy = randn(2, 5, 2, 4);
        RecurrentOutput a = moved.forward(x), b = kept.forward(x);
        assertClose(b.output(), a.output(), "output");
        moved.backward(a, dy, null);
        kept.backward(b, dy, null);
        for (int i = 0; i < moved.parameters().size(); i++) {
            Parameter p = moved.parameters().get(i);
            assertSame(buf.grad(), p.grad());
            assertClose(kept.parameters().get(i).gradient(), p.gradient(), "grad " + p.name());
        }
        // a change through the buffer is seen by the next forward
        java.util.Arrays.fill(buf.data(), 0f);
        for (float v : moved.forward(x).output().data()) assertEquals(0f, v);
    }
}
