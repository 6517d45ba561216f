package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class OptimizerTest {
    /** Every optimizer in a configuration that uses all of its buffers. */
    static final List<Function<List<Parameter>, Optimizer>> ALL = List.of(
            ps -> new Sgd(ps, Sgd.Config.of(0.05).withMomentum(0.9).withNesterov(true).withWeightDecay(0.01)),
            ps -> new Sgd(ps, Sgd.Config.of(0.1).withMomentum(0.8).withDampening(0.3)),
            ps -> new Adagrad(ps,
                    Adagrad.Config.defaults().withLr(0.1).withLrDecay(0.01).withInitialAccumulatorValue(0.1)),
            ps -> new RmsProp(ps, RmsProp.Config.defaults().withMomentum(0.5).withCentered(true).withWeightDecay(0.01)),
            ps -> new Adam(ps, AdamConfig.adam().withLr(0.01).withAmsgrad(true).withWeightDecay(0.05)),
            ps -> new AdamW(ps, AdamConfig.adamW().withLr(0.01)));

    static List<Parameter> params(long seed) {
        Rng rng = new Rng(seed);
        Parameter a = new Parameter("weight", 3, 4), b = new Parameter("bias", 5);
        a.set(Tensor.randn(rng, 3, 4));
        b.set(Tensor.randn(rng, 5));
        return List.of(a, b);
    }

    static void randomGrad(List<Parameter> ps, Rng rng) {
        for (Parameter p : ps) for (int i = 0; i < p.size(); i++) p.grad()[p.offset() + i] = (float) rng.nextGaussian();
    }

    @Test
    void exportImportContinueEqualsUninterruptedRunBitExactly() {
        for (var make : ALL) {
            List<Parameter> straight = params(1), resumed = params(1);
            Optimizer a = make.apply(straight), b = make.apply(resumed);
            Rng ga = new Rng(2), gb = new Rng(2);
            for (int s = 0; s < 3; s++) {
                randomGrad(straight, ga); a.step();
                randomGrad(resumed, gb); b.step();
            }
            a.setLr(a.lr() * 0.5); b.setLr(b.lr() * 0.5);
            OptimizerState saved = b.exportState();
            // A fresh optimizer over fresh parameters holding the saved values continues the run.
            List<Parameter> restored = params(99);
            for (int i = 0; i < restored.size(); i++) restored.get(i).set(resumed.get(i).value());
            Optimizer c = make.apply(restored);
            c.importState(saved);
            assertEquals(3, c.stepCount());
            assertEquals(a.lr(), c.lr());
            for (int s = 0; s < 4; s++) {
                randomGrad(straight, ga); a.step();
                randomGrad(restored, gb); c.step();
            }
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).value().data(), restored.get(i).value().data(),
                        a.getClass().getSimpleName());
            }
        }
    }

    @Test
    void adamSplitOverThreadsKeepsTheBits() {
        float[] expected = null;
        try {
            for (int threads : new int[] {1, 2, 3}) {
                dev.rnn4j.kernel.KernelPool.setThreads(threads);
                Rng rng = new Rng(21);
                Parameter big = new Parameter("weight", 301, 307);          // large enough to be split
                big.set(Tensor.randn(rng, 301, 307));
                for (var make : List.<Function<List<Parameter>, Optimizer>>of(
                        ps -> new Adam(ps, AdamConfig.adam().withLr(0.01).withAmsgrad(true).withWeightDecay(0.05)),
                        ps -> new AdamW(ps, AdamConfig.adamW().withLr(0.01)))) {
                    Optimizer opt = make.apply(List.of(big));
                    for (int step = 0; step < 3; step++) {
                        randomGrad(List.of(big), rng);
                        opt.step();
                    }
                }
                if (expected == null) expected = big.data().clone();
                else assertArrayEquals(expected, big.data(), threads + " threads");
            }
        } finally {
            dev.rnn4j.kernel.KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * The vector loop of Adam's update against its scalar loop, bit for bit: one parameter of 37 elements (vector
     * lanes and a scalar tail) against 37 parameters of one element each (scalar only), same values and gradients.
     */
    @Test
    void adamVectorLanesEqualTheScalarLoop() {
        int n = 37;
        Rng rng = new Rng(5);
        Parameter whole = new Parameter("w", n);
        whole.set(Tensor.randn(rng, n));
        List<Parameter> single = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Parameter p = new Parameter("w" + i, 1);
            p.data()[0] = whole.data()[i];
            single.add(p);
        }
        for (var make : List.<Function<List<Parameter>, Optimizer>>of(
                ps -> new Adam(ps, AdamConfig.adam().withLr(0.01).withAmsgrad(true).withWeightDecay(0.05)),
                ps -> new Adam(ps, AdamConfig.adam().withLr(0.02)),
                ps -> new AdamW(ps, AdamConfig.adamW().withLr(0.01)))) {
            Optimizer a = make.apply(List.of(whole)), b = make.apply(single);
            for (int step = 0; step < 4; step++) {
                for (int i = 0; i < n; i++) {
                    float g = (float) rng.nextGaussian();
                    whole.grad()[i] = g;
                    single.get(i).grad()[0] = g;
                }
                a.step();
                b.step();
                for (int i = 0; i < n; i++) {
                    int lane = Float.floatToRawIntBits(whole.data()[i]);
                    assertEquals(lane, Float.floatToRawIntBits(single.get(i).data()[0]),
                            "element " + i + " after step " + (step + 1));
                }
            }
        }
    }

    @Test
    void stateIsNamedLikePyTorchAndCopied() {
        List<Parameter> ps = params(3);
        Adam adam = new Adam(ps, AdamConfig.adam().withAmsgrad(true));
        randomGrad(ps, new Rng(4));
        adam.step();
        OptimizerState s = adam.exportState();
        assertEquals("Adam", s.optimizer());
        assertEquals(List.of("0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.exp_avg", "1.exp_avg_sq",
                "1.max_exp_avg_sq"),
                List.copyOf(s.buffers().keySet()));
        float before = s.buffers().get("0.exp_avg")[0];
        adam.step();
        assertEquals(before, s.buffers().get("0.exp_avg")[0], "an exported state is a copy");
        assertNotEquals(before, adam.exportState().buffers().get("0.exp_avg")[0]);
        assertEquals(12, s.buffers().get("0.exp_avg").length);
    }

    @Test
    void importRejectsForeignOrMisshapenState() {
        List<Parameter> ps = params(5);
        OptimizerState adam = new Adam(ps, AdamConfig.adam()).exportState();
        var e = assertThrows(IllegalArgumentException.class, () -> new AdamW(ps, AdamConfig.adamW()).importState(adam));
        assertEquals("cannot load Adam state into AdamW", e.getMessage());
        var m = assertThrows(IllegalArgumentException.class,
                () -> new Adam(ps, AdamConfig.adam().withAmsgrad(true)).importState(adam));
        assertTrue(m.getMessage().startsWith("Adam state must have 6 buffers"), m.getMessage());
        var other = new Adam(List.of(new Parameter("w", 12), new Parameter("b", 4)), AdamConfig.adam()).exportState();
        var s = assertThrows(IllegalArgumentException.class, () -> new Adam(ps, AdamConfig.adam()).importState(other));
        assertEquals("Adam state buffer 1.exp_avg has 4 values, parameter bias[5] has 5", s.getMessage());
    }

    @Test
    void sgdFirstMomentumStepUsesTheGradientUndamped() {
        Parameter p = new Parameter("w", 1);
        Sgd sgd = new Sgd(List.of(p), Sgd.Config.of(0.5).withMomentum(0.9).withDampening(0.5));
        p.grad()[0] = 2f;
        sgd.step();                                 // b = g = 2
        assertEquals(-1f, p.data()[0]);
        sgd.step();                                 // b = 0.9·2 + 0.5·2 = 2.8
        assertEquals(-1f - 0.5f * 2.8f, p.data()[0], 1e-6);
    }

    @Test
    void adamWDecaysWeightsEvenWithZeroGradient() {
        Parameter p = new Parameter("w", 1);
        p.data()[0] = 2f;
        new AdamW(List.of(p), AdamConfig.adamW().withLr(0.1).withWeightDecay(0.5)).step();
        assertEquals(2f * (1 - 0.1f * 0.5f), p.data()[0], 1e-7);
    }

    @Test
    void defaultsAreTorchDefaults() {
        assertEquals(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, false), AdamConfig.adam());
        assertEquals(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.01, false), AdamConfig.adamW());
        assertEquals(new RmsProp.Config(0.01, 0.99, 1e-8, 0, 0, false), RmsProp.Config.defaults());
        assertEquals(new Adagrad.Config(0.01, 0, 0, 0, 1e-10), Adagrad.Config.defaults());
        assertEquals(new Sgd.Config(1e-3, 0, 0, false, 0), Sgd.Config.defaults());
    }

    @Test
    void invalidHyperParametersAreRejectedByName() {
        var n = assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withNesterov(true));
        assertEquals("SGD nesterov momentum requires momentum > 0 and dampening 0, got momentum 0.0, dampening 0.0",
                n.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> AdamConfig.adam().withBetas(0.9, 1.0));
        assertEquals("Adam beta2 must be in [0, 1), got 1.0", b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdamConfig.adam().withLr(-1));
        assertThrows(IllegalArgumentException.class, () -> RmsProp.Config.defaults().withEps(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), AdamConfig.adam()));
    }

    @Test
    void stepsThroughParameterViewsMovedIntoABuffer() {
        for (var make : ALL) {
            List<Parameter> plain = params(6), moved = params(6);
            Optimizer a = make.apply(plain), b = make.apply(moved);
            ParameterBuffer buf = ParameterBuffer.of(moved);   // after the optimizer was built
            Rng ga = new Rng(7), gb = new Rng(7);
            for (int s = 0; s < 3; s++) {
                randomGrad(plain, ga); a.step();
                randomGrad(moved, gb); b.step();
            }
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(plain.get(i).value().data(), moved.get(i).value().data());
            }
            b.zeroGrad();
            for (float g : buf.grad()) assertEquals(0f, g);
        }
    }
}
