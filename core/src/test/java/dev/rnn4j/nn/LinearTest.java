package dev.rnn4j.nn;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LinearTest {
    @Test
    void forwardIsXTimesWTransposedPlusBiasOverLeadingDims() {
        Rng rng = new Rng(1);
        Linear lin = new Linear(4, 3, true, rng);
        Tensor x = Tensor.randn(rng, 2, 5, 4);
        Tensor y = lin.forward(x);
        assertArrayEquals(new int[] {2, 5, 3}, y.shape());
        float[] w = lin.weight().data(), b = lin.bias().data();
        for (int r = 0; r < 10; r++) {
            for (int o = 0; o < 3; o++) {
                double s = b[o];
                for (int i = 0; i < 4; i++) s += (double) x.data()[r * 4 + i] * w[o * 4 + i];
                assertEquals(s, y.data()[r * 3 + o], 1e-5);
            }
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        for (boolean bias : new boolean[] {true, false}) {
            Rng rng = new Rng(2);
            Linear lin = new Linear(5, 4, bias, rng);
            Tensor x = Tensor.randn(rng, 3, 2, 5);
            Tensor gy = Tensor.randn(rng, 3, 2, 4);
            Tensor dx = lin.backward(x, gy);
            var loss = (java.util.function.DoubleSupplier) () ->
                    NumericalGradient.dot(lin.forward(x).data(), gy.data());
            NumericalGradient.assertMatches("Linear dx", NumericalGradient.of(x.data(), loss), dx.data());
            Parameter w = lin.weight();
            NumericalGradient.assertMatches("Linear dW", NumericalGradient.of(w.data(), w.offset(), w.size(), loss),
                    w.grad(), w.offset());
            if (bias) {
                Parameter b = lin.bias();
                NumericalGradient.assertMatches("Linear db", NumericalGradient.of(b.data(), b.offset(), b.size(), loss),
                        b.grad(), b.offset());
            } else {
                assertEquals(1, lin.parameters().size());
            }
        }
    }

    @Test
    void backwardAccumulatesParameterGradients() {
        Rng rng = new Rng(3);
        Linear lin = new Linear(3, 2, true, rng);
        Tensor x = Tensor.randn(rng, 4, 3), gy = Tensor.randn(rng, 4, 2);
        lin.backward(x, gy);
        float[] once = lin.weight().gradient().data();
        lin.backward(x, gy);
        float[] twice = lin.weight().gradient().data();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-6);
        lin.zeroGrad();
        assertEquals(0f, lin.bias().gradient().data()[0]);
    }

    @Test
    void initialisationIsUniformWithinOneOverSqrtInAndSeeded() {
        Linear a = new Linear(16, 8, true, new Rng(9)), b = new Linear(16, 8, true, new Rng(9));
        assertArrayEquals(a.weight().value().data(), b.weight().value().data());
        double bound = 1 / Math.sqrt(16);
        for (Parameter p : a.parameters()) {
            for (float v : p.value().data()) assertTrue(Math.abs(v) <= bound, p + " value " + v);
        }
        assertEquals("weight", a.parameters().get(0).name());
        assertEquals("bias", a.parameters().get(1).name());
        assertArrayEquals(new int[] {8, 16}, a.weight().shape());
    }

    @Test
    void worksAfterMovingIntoAParameterBuffer() {
        Rng rng = new Rng(4);
        Linear lin = new Linear(3, 2, true, rng);
        Tensor x = Tensor.randn(rng, 2, 3);
        float[] before = lin.forward(x).data();
        Linear other = new Linear(2, 2, false, rng);
        ParameterBuffer.of(java.util.List.of(other.weight(), lin.weight(), lin.bias()));
        assertArrayEquals(before, lin.forward(x).data());
    }

    @Test
    void wrongInputSizeNamesExpectedAndActual() {
        Linear lin = new Linear(4, 2, true, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class, () -> lin.forward(Tensor.zeros(3, 5)));
        assertEquals("Linear expects input size 4 in the last dimension, got shape [3, 5]", e.getMessage());
        var g = assertThrows(IllegalArgumentException.class,
                () -> lin.backward(Tensor.zeros(3, 4), Tensor.zeros(3, 3)));
        assertTrue(g.getMessage().contains("[3, 2]"), g.getMessage());
    }
}
