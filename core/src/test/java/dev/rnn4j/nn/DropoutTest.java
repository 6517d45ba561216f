package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inter-layer dropout: off in eval mode, seeded and reproducible in training mode, and back-propagated through. */
class DropoutTest {
    static final int I = 3, H = 5, T = 4, B = 2;

    static Lstm lstm(float p, long seed) {
        return Lstm.builder(I, H).numLayers(3).dropout(p).bidirectional(true).rng(new Rng(seed)).build();
    }

    @Test
    void evalModeEqualsNoDropout() {
        Tensor x = randn(1, T, B, I);
        Lstm withDropout = lstm(0.5f, 9), without = lstm(0f, 9);
        withDropout.train(false);
        RecurrentOutput a = withDropout.forward(x), b = without.forward(x);
        assertArrayEquals(b.output().data(), a.output().data());
        assertArrayEquals(b.hN().data(), a.hN().data());
    }

    @Test
    void trainModeIsSeededAndActuallyDrops() {
        Tensor x = randn(1, T, B, I);
        RecurrentOutput a = lstm(0.5f, 9).forward(x), b = lstm(0.5f, 9).forward(x), none = lstm(0f, 9).forward(x);
        assertArrayEquals(a.output().data(), b.output().data(), "same seed, same masks");
        assertFalse(java.util.Arrays.equals(a.output().data(), none.output().data()), "p = 0.5 changed nothing");
        RecurrentOutput other = lstm(0.5f, 10).forward(x);
        assertFalse(java.util.Arrays.equals(a.output().data(), other.output().data()), "another seed, other masks");
    }

    @Test
    void oneLayerHasNoDropout() {
        Tensor x = randn(1, T, B, I);
        Lstm a = Lstm.builder(I, H).dropout(0.5f).build(), b = Lstm.builder(I, H).build();
        assertArrayEquals(b.forward(x).output().data(), a.forward(x).output().data());
    }

    /**
     * The backward pass applies the same mask: compare dL/dx with central differences of L = Σ out ⊙ g, each
     * evaluation on a fresh layer from the same seed so the first forward draws the same masks. Float32 central
     * differences with ε = 1e-2 carry about 1e-4 relative error; a missing mask is off by O(1).
     */
    @Test
    void gradientFlowsThroughTheMask() {
        checkInputGradient(() -> lstm(0.4f, 21));
    }

    @Test
    void lockedDropoutDrawsOneMaskPerSequenceAndFeature() {
        Lstm net = lstm(0.5f, 9);
        net.lockedDropout(true);
        RecurrentOutput out = net.forward(randn(1, T, B, I));
        for (int l = 0; l < 2; l++) {
            float[] mask = out.dropoutMask(l);
            assertEquals(B * 2 * H, mask.length, "layer " + l + ": [B, D·H], reused at each of the T steps");
            int zeros = 0;
            for (float m : mask) zeros += m == 0f ? 1 : 0;
            assertTrue(zeros > 0 && zeros < mask.length, "a real mask: " + java.util.Arrays.toString(mask));
        }
        assertEquals(null, out.dropoutMask(2), "none after the last layer");
        // With one step a locked mask is a standard one: the same draws give the same bits.
        Tensor one = randn(3, 1, B, I);
        Lstm fresh = lstm(0.5f, 9);
        fresh.lockedDropout(true);
        assertArrayEquals(lstm(0.5f, 9).forward(one).output().data(), fresh.forward(one).output().data());
        assertEquals(B * T * 2 * H, lstm(0.5f, 9).forward(randn(1, T, B, I)).dropoutMask(0).length,
                "standard: one multiplier per element");
    }

    @Test
    void gradientFlowsThroughALockedMask() {
        checkInputGradient(() -> {
            Lstm n = lstm(0.4f, 21);
            n.lockedDropout(true);
            return n;
        });
    }

    /** dL/dx of a network {@code make} builds against central differences, every network from the same seed. */
    private static void checkInputGradient(java.util.function.Supplier<Lstm> make) {
        Tensor x = randn(1, T, B, I);
        Lstm net = make.get();
        RecurrentOutput out = net.forward(x);
        Tensor g = randn(2, out.output().shape());
        Tensor dx = net.backward(out, g, null, null).input();
        double max = 0;
        for (float v : dx.data()) max = Math.max(max, Math.abs(v));
        float eps = 1e-2f;
        for (int i = 0; i < x.numel(); i += 5) {
            float[] plus = x.data().clone(), minus = x.data().clone();
            plus[i] += eps;
            minus[i] -= eps;
            double fp = Fixtures.dot(make.get().forward(new Tensor(plus, x.shape())).output(), g);
            double fm = Fixtures.dot(make.get().forward(new Tensor(minus, x.shape())).output(), g);
            assertEquals((fp - fm) / (2 * eps), dx.data()[i], 2e-3 * max, "dL/dx at flat index " + i);
        }
        assertTrue(max > 0);
    }

    @Test
    void trainFlagIsVisible() {
        Lstm net = lstm(0.1f, 1);
        assertTrue(net.training());
        net.train(false);
        assertFalse(net.training());
        assertClose(lstm(0.1f, 1).parameters().getFirst().value(), net.parameters().getFirst().value(),
                "dropout does not change init");
    }
}
