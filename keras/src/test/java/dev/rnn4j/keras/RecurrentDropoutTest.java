package dev.rnn4j.keras;

import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.testing.NumericalGradient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Keras's {@code dropout} and {@code recurrent_dropout} in training: the step loop against the core network with
 * masks of ones, its gradients against central differences with masks fixed, the masks' shape and rate, and
 * {@code fit}: reproducible by seed, predict untouched. {@code KerasDropoutReferenceTest} checks the placement of the
 * masks against Keras's equations.
 */
class RecurrentDropoutTest {
    private static final int F = 3, H = 4, B = 4, T = 5;

    private record Case(String name, Supplier<Recurrent> layer, boolean bidirectional) {}

    private static List<Case> cases() {
        return List.of(
                new Case("LSTM", () -> new LSTM(H), false),
                new Case("LSTM hard sigmoid", () -> new LSTM(H).recurrentActivation(GateFunction.HARD_SIGMOID_KERAS2),
                        false),
                new Case("GRU", () -> new GRU(H), false),
                new Case("GRU reset_after=False", () -> new GRU(H).resetAfter(false), false),
                new Case("SimpleRNN", () -> new SimpleRNN(H), false),
                new Case("SimpleRNN relu", () -> new SimpleRNN(H).activation(Activation.RELU), false),
                new Case("SimpleRNN without bias", () -> new SimpleRNN(H).useBias(false), false),
                new Case("Bidirectional LSTM", () -> new LSTM(H), true),
                new Case("Bidirectional GRU reset_after=False", () -> new GRU(H).resetAfter(false), true));
    }

    /** Masks of ones: every gate block gets its own array, so a mix-up of blocks would still multiply by 1. */
    private static RecurrentDropoutMasks ones(int directions, int gates) {
        float[][][] in = new float[directions][gates][], rec = new float[directions][gates][];
        for (int d = 0; d < directions; d++) {
            for (int k = 0; k < gates; k++) {
                in[d][k] = new float[B * F];
                rec[d][k] = new float[B * H];
                Arrays.fill(in[d][k], 1f);
                Arrays.fill(rec[d][k], 1f);
            }
        }
        return new RecurrentDropoutMasks(in, rec);
    }

    @Test
    void withMasksOfOnesTheLoopGivesTheCoreNetworksResults() {
        for (Case c : cases()) {
            for (int[] lengths : new int[][] {null, {5, 2, 4, 1}}) {
                for (boolean states : new boolean[] {false, true}) {
                    String what = c.name + (lengths == null ? "" : " lengths") + (states ? " h0" : "");
                    Rng rng = new Rng(41);
                    Recurrent spec = c.layer.get().dropout(0.3).recurrentDropout(0.2);
                    int D = c.bidirectional ? 2 : 1;
                    RecurrentRunner runner = new RecurrentRunner(spec, F, c.bidirectional, MergeMode.CONCAT, rng);
                    for (Parameter p : runner.network.parameters()) KerasInit.uniform(p, 0.6f, rng);
                    DropoutRecurrence loop = new DropoutRecurrence(spec, F, D, runner.network);
                    Tensor x = Tensor.randn(rng, B, T, F);
                    boolean lstm = spec instanceof LSTM;
                    Tensor h0 = states ? Tensor.randn(rng, D, B, H) : null;
                    Tensor c0 = states && lstm ? Tensor.randn(rng, D, B, H) : null;
                    RecurrentOutput core = runner.network.forward(x, lengths, h0, c0);
                    RecurrentPass pass = loop.loop(x, lengths, h0, c0, ones(D, spec.kind.gates()));
                    assertClose(what + " output", core.output(), pass.output());
                    assertClose(what + " h_n", core.hN(), pass.hN());
                    if (lstm) assertClose(what + " c_n", core.cN(), pass.cN());

                    Tensor dy = Tensor.randn(rng, B, T, D * H), dhN = Tensor.randn(rng, D, B, H);
                    Tensor dcN = lstm ? Tensor.randn(rng, D, B, H) : null;
                    List<Parameter> params = runner.network.parameters();
                    params.forEach(Parameter::zeroGrad);
                    RecurrentGradients expected = runner.network.backward(core, dy, dhN, dcN);
                    List<float[]> expectedGrads = new ArrayList<>();
                    for (Parameter p : params) expectedGrads.add(p.gradient().data().clone());
                    params.forEach(Parameter::zeroGrad);
                    RecurrentGradients actual = pass.backward(dy, dhN, dcN);
                    assertClose(what + " dx", expected.input(), actual.input());
                    assertClose(what + " dh0", expected.h0(), actual.h0());
                    if (lstm) assertClose(what + " dc0", expected.c0(), actual.c0());
                    for (int i = 0; i < params.size(); i++) {
                        assertClose(what + " d" + params.get(i).name(), new Tensor(expectedGrads.get(i),
                                params.get(i).shape()), params.get(i).gradient());
                    }
                }
            }
        }
    }

    @Test
    void oneInputMaskRunsTheCoreNetworkOnTheMaskedInputAsTheLoopWould() {
        for (Recurrent spec : List.<Recurrent>of(new LSTM(H), new GRU(H), new SimpleRNN(H))) {
            Rng rng = new Rng(47);
            spec.dropout(0.4);
            RecurrentRunner runner = new RecurrentRunner(spec, F, false, MergeMode.CONCAT, rng);
            for (Parameter p : runner.network.parameters()) KerasInit.uniform(p, 0.6f, rng);
            DropoutRecurrence loop = new DropoutRecurrence(spec, F, 1, runner.network);
            RecurrentDropoutMasks masks = loop.draw(new Rng(3), B);
            Tensor x = Tensor.randn(rng, B, T, F), dy = Tensor.randn(rng, B, T, H);
            int[] lengths = {5, 3, 1, 4};
            List<Parameter> params = runner.network.parameters();
            params.forEach(Parameter::zeroGrad);
            RecurrentPass fast = loop.forward(x, lengths, null, null, masks);
            RecurrentGradients g = fast.backward(dy, null, null);
            List<float[]> grads = new ArrayList<>();
            for (Parameter p : params) grads.add(p.gradient().data().clone());
            params.forEach(Parameter::zeroGrad);
            RecurrentPass slow = loop.loop(x, lengths, null, null, masks);
            RecurrentGradients e = slow.backward(dy, null, null);
            String what = spec.typeName() + " one input mask";
            assertClose(what + " output", slow.output(), fast.output());
            assertClose(what + " h_n", slow.hN(), fast.hN());
            assertClose(what + " dx", e.input(), g.input());
            for (int i = 0; i < params.size(); i++) {
                assertClose(what + " d" + params.get(i).name(), params.get(i).gradient(),
                        new Tensor(grads.get(i), params.get(i).shape()));
            }
        }
    }

    /** Within 2e-6 of the larger magnitude: float32 sums in another order. */
    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        float[] e = expected.data(), a = actual.data();
        double scale = 1e-3;
        for (float v : e) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > 2e-6 * scale) {
                fail(what + "[" + i + "]: core " + e[i] + ", dropout loop " + a[i]);
            }
        }
    }

    @Test
    void gradientsWithMasksMatchCentralDifferences() {
        for (Case c : cases()) {
            Rng rng = new Rng(43);
            Recurrent spec = c.layer.get().dropout(0.4).recurrentDropout(0.3);
            spec.returnSequences(true);
            Layer layer = c.bidirectional ? new Bidirectional(spec) : spec;
            layer.build(Shape.batchOf(Shape.NONE, F), rng);
            RecurrentRunner runner = c.bidirectional ? ((Bidirectional) layer).runner() : spec.runner();
            runner.fixMasks(5);
            for (Parameter p : layer.parameters()) KerasInit.uniform(p, 0.5f, rng);
            Tensor x = Tensor.randn(rng, 3, T, F);
            for (int i = 0; i < x.numel(); i++) x.data()[i] *= 0.5f;
            int[] lengths = {5, 2, 0};
            LayerCall call = layer.call(x, lengths, true);
            assertFalse(Arrays.equals(call.output().data(), layer.call(x, lengths, false).output().data()),
                    c.name + ": the masks change the training output");
            Tensor w = Tensor.randn(rng, call.output().shape());
            for (Parameter p : layer.parameters()) p.zeroGrad();
            Tensor dx = call.backward(w);
            DoubleSupplier loss = () -> NumericalGradient.dot(layer.call(x, lengths, true).output().data(), w.data());
            NumericalGradient.assertMatches(c.name + " dx", NumericalGradient.of(x.data(), loss), dx.data());
            for (Parameter p : layer.parameters()) {
                NumericalGradient.assertMatches(c.name + " d" + p.name(),
                        NumericalGradient.of(p.data(), p.offset(), p.size(), loss), p.grad(), p.offset());
            }
        }
    }

    @Test
    void initialStateGradientsWithMasks() {
        Rng rng = new Rng(44);
        // inputs and states at half scale: at full scale the kept values' 1/0.7 left one central difference 5e-4 off
        // (halving its step took that to 1.4e-4, then 3.7e-5: truncation, not the gradient)
        LSTM lstm = new LSTM(3);
        lstm.dropout(0.3).recurrentDropout(0.3).returnState(true);
        lstm.build(Shape.batchOf(Shape.NONE, 2), rng);
        lstm.runner().fixMasks(9);
        KerasGradientTest.checkStates("LSTM dropout", (x, init) -> lstm.call(x, new int[] {3, 1, 2}, init, true),
                lstm.parameters(), 2, 3, rng, 0.5f);
        GRU gru = new GRU(3);
        gru.recurrentDropout(0.5).returnState(true);
        gru.build(Shape.batchOf(Shape.NONE, 2), rng);
        gru.runner().fixMasks(10);
        KerasGradientTest.checkStates("GRU recurrent_dropout", (x, init) -> gru.call(x, null, init, true),
                gru.parameters(), 1, 3, rng, 0.5f);
    }

    @Test
    void masksAreDrawnPerSequenceAndGateAsKerasDrawsThem() {
        Rng rng = new Rng(45);
        int batch = 400;
        // dropout alone: one input mask for all four gates, of (batch, features), no recurrent mask
        LSTM only = new LSTM(H);
        only.dropout(0.25);
        only.build(Shape.batchOf(Shape.NONE, 25), rng);
        RecurrentDropoutMasks m = new DropoutRecurrence(only, 25, 1, only.runner().network)
                .draw(new Rng(1), batch);
        assertEquals(batch * 25, m.input()[0][0].length);
        for (int k = 1; k < 4; k++) assertSame(m.input()[0][0], m.input()[0][k]);
        for (int k = 0; k < 4; k++) assertNull(m.recurrent()[0][k]);
        assertRate(0.25, m.input()[0][0]);
        // recurrent_dropout: a mask per gate on both sides (Keras's implementation 1), each direction its own
        Bidirectional bi = new Bidirectional(new GRU(50).dropout(0.1).recurrentDropout(0.5));
        bi.build(Shape.batchOf(Shape.NONE, 25), rng);
        RecurrentDropoutMasks g = new DropoutRecurrence(bi.layer(), 25, 2, bi.runner().network)
                .draw(new Rng(2), batch);
        List<float[]> all = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(batch * 25, g.input()[d][k].length);
                assertEquals(batch * 50, g.recurrent()[d][k].length);
                assertRate(0.1, g.input()[d][k]);
                assertRate(0.5, g.recurrent()[d][k]);
                all.add(g.input()[d][k]);
                all.add(g.recurrent()[d][k]);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) assertNotSame(all.get(i), all.get(j));
        }
        assertEquals(1, bi.layer().implementation());
        // implementation=1 without recurrent dropout: per-gate input masks too
        LSTM perGate = new LSTM(H);
        perGate.dropout(0.5).implementation(1);
        perGate.build(Shape.batchOf(Shape.NONE, 2), rng);
        RecurrentDropoutMasks p = new DropoutRecurrence(perGate, 2, 1, perGate.runner().network)
                .draw(new Rng(3), 8);
        assertNotSame(p.input()[0][0], p.input()[0][1]);
    }

    /** Entries are 0 or 1/(1 − rate), zero at about the rate (400·25 draws at least: within 0.03). */
    private static void assertRate(double rate, float[] mask) {
        float kept = (float) (1 / (1 - rate));
        int zeros = 0;
        for (float v : mask) {
            if (v == 0f) zeros++;
            else assertEquals(kept, v);
        }
        assertEquals(rate, zeros / (double) mask.length, 0.03);
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new LSTM(2).dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new GRU(2).recurrentDropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(2).implementation(3));
        assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(2).implementation(1));
        assertEquals("LSTM(2, dropout=0.2, recurrent_dropout=0.1)",
                new LSTM(2).dropout(0.2).recurrentDropout(0.1).toString());
    }

    @Test
    void fitDropsOutReproduciblyAndPredictDoesNot() {
        FitTest.Task t = FitTest.Task.containsThree(128, 6);
        List<List<Parameter>> trained = new ArrayList<>();
        for (long seed : new long[] {3, 3, 4}) {
            Sequential m = model(0.3, 0.3).seed(seed);
            m.compile("adam", "binary_crossentropy", "accuracy");
            m.fit(t.x(), t.y(), FitConfig.defaults().withEpochs(2).withBatchSize(32));
            trained.add(m.parameters());
        }
        assertTrue(sameValues(trained.get(0), trained.get(1)), "the same seed trains the same weights");
        assertFalse(sameValues(trained.get(0), trained.get(2)), "another seed, other weights");

        // the same weights with and without dropout: predict and evaluate agree; a step of fit does not
        Sequential dropping = model(0.3, 0.3).seed(5), plain = model(0, 0).seed(5);
        dropping.build(8);
        plain.build(8);
        copy(dropping.parameters(), plain.parameters());
        assertArrayEquals(plain.predict(t.x()).data(), dropping.predict(t.x()).data());
        dropping.compile(KerasOptimizers.sgd(0.5), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
        plain.compile(KerasOptimizers.sgd(0.5), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
        assertEquals(plain.evaluate(t.x(), t.y()).loss(), dropping.evaluate(t.x(), t.y()).loss());
        FitConfig oneBatch = FitConfig.defaults().withEpochs(1).withBatchSize(128).withShuffle(false);
        dropping.fit(t.x(), t.y(), oneBatch);
        plain.fit(t.x(), t.y(), oneBatch);
        assertFalse(sameValues(dropping.parameters(), plain.parameters()), "fit applies the masks");
    }

    private static Sequential model(double dropout, double recurrentDropout) {
        return Sequential.of(new Embedding(10, 8).maskZero(true),
                new LSTM(8).dropout(dropout).recurrentDropout(recurrentDropout), new Dense(1, Activation.SIGMOID));
    }

    private static boolean sameValues(List<Parameter> a, List<Parameter> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).value().data(), b.get(i).value().data())) return false;
        }
        return true;
    }

    private static void copy(List<Parameter> from, List<Parameter> to) {
        for (int i = 0; i < from.size(); i++) to.get(i).set(from.get(i).value());
    }
}
