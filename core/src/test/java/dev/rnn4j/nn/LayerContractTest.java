package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.testing.NumericalGradient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The {@link Layer}/{@link Call} contract is an adapter: for every layer, backward through a call gives the
 * same bits as the layer's own backward (input and parameter gradients), and a composition of calls passes
 * a central-difference gradient check.
 */
class LayerContractTest {
    private static final Rng DATA = new Rng(11);

    /** Copies of each parameter's gradient, then zeroes them for the next run. */
    private static List<float[]> takeGrads(Module m) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            out.add(Arrays.copyOfRange(p.grad(), p.offset(), p.offset() + p.size()));
        }
        m.zeroGrad();
        return out;
    }

    private static void assertSameGrads(String what, List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size(), what + ": parameter count");
        boolean anyNonZero = false;
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": parameter " + i);
            for (float v : expected.get(i)) anyNonZero |= v != 0f;
        }
        assertTrue(anyNonZero, what + ": every gradient is zero, the comparison would prove nothing");
    }

    @Test
    void linear() {
        Linear lin = new Linear(5, 4, true, new Rng(1));
        Tensor x = Tensor.randn(DATA, 3, 2, 5), dy = Tensor.randn(DATA, 3, 2, 4);
        Tensor dxOwn = lin.backward(x, dy);
        List<float[]> own = takeGrads(lin);
        Call c = lin.call(x);
        assertArrayEquals(lin.forward(x).data(), c.output().data());
        assertArrayEquals(dxOwn.data(), c.backward(dy).data());
        assertSameGrads("Linear", own, takeGrads(lin));
    }

    @Test
    void embedding() {
        Embedding emb = new Embedding(7, 3, 0, new Rng(2));
        int[] ids = {1, 0, 6, 3, 3, 2};
        Tensor dy = Tensor.randn(DATA, 2, 3, 3);
        emb.backward(ids, dy);
        List<float[]> own = takeGrads(emb);
        float[] asFloats = new float[ids.length];
        for (int i = 0; i < ids.length; i++) asFloats[i] = ids[i];
        Call c = emb.call(new Tensor(asFloats, 2, 3));
        assertArrayEquals(emb.forward(ids, 2, 3).data(), c.output().data());
        assertArrayEquals(new int[] {2, 3, 3}, c.output().shape());
        assertNull(c.backward(dy));
        assertSameGrads("Embedding", own, takeGrads(emb));
        assertThrows(IllegalArgumentException.class, () -> emb.call(new Tensor(new float[] {1.5f}, 1)));
    }

    @Test
    void dropout() {
        Tensor x = Tensor.randn(DATA, 4, 6), dy = Tensor.randn(DATA, 4, 6);
        Dropout a = new Dropout(0.4f, new Rng(3)), b = new Dropout(0.4f, new Rng(3));
        Dropout.Saved s = a.forward(x);
        Call c = b.call(x);
        assertArrayEquals(s.output().data(), c.output().data());
        assertArrayEquals(a.backward(s, dy).data(), c.backward(dy).data());
    }

    @Test
    void recurrentLayers() {
        List<RecurrentNetwork> nets = List.of(
                Lstm.builder(3, 4).numLayers(2).bidirectional(true).batchFirst(true).build(),
                Gru.builder(3, 4).numLayers(2).batchFirst(true).build(),
                Rnn.builder(3, 4).bidirectional(true).batchFirst(true).build());
        for (RecurrentNetwork net : nets) {
            String name = net.getClass().getSimpleName();
            int width = net.config().directions() * net.config().outputSize();
            Tensor x = Tensor.randn(DATA, 2, 5, 3), dy = Tensor.randn(DATA, 2, 5, width);
            int[] lengths = {5, 3};
            Tensor dxOwn = net.backward(net.forward(x, lengths, null, null), dy, null, null).input();
            List<float[]> own = takeGrads(net);
            RecurrentOutput c = net.call(x, lengths, null, null);
            assertArrayEquals(dxOwn.data(), c.backward(dy).data(), name + " dx");
            assertSameGrads(name, own, takeGrads(net));

            // The one-argument form, and the typed gradients with an upstream h_n gradient.
            Tensor dHn = Tensor.randn(DATA, net.config().numLayers() * net.config().directions(), 2, 4);
            RecurrentGradients g = net.backward(net.forward(x, null, null, null), dy, dHn, null);
            own = takeGrads(net);
            RecurrentGradients gc = net.call(x).gradients(dy, dHn, null);
            assertArrayEquals(g.input().data(), gc.input().data(), name + " dx with dHn");
            assertArrayEquals(g.h0().data(), gc.h0().data(), name + " dh0");
            assertSameGrads(name + " with dHn", own, takeGrads(net));
        }
    }

    @Test
    void cells() {
        Tensor x = Tensor.randn(DATA, 3, 5), h = Tensor.randn(DATA, 3, 4), c = Tensor.randn(DATA, 3, 4);
        Tensor dh = Tensor.randn(DATA, 3, 4), dc = Tensor.randn(DATA, 3, 4);

        LstmCell lstm = new LstmCell(5, 4, true, new Rng(4));
        CellGradients own = lstm.backward(lstm.forward(x, h, c), dh, dc);
        List<float[]> ownGrads = takeGrads(lstm);
        CellGradients viaCall = lstm.call(x, h, c).gradients(dh, dc);
        assertArrayEquals(own.input().data(), viaCall.input().data());
        assertArrayEquals(own.c().data(), viaCall.c().data());
        assertSameGrads("LstmCell", ownGrads, takeGrads(lstm));
        Tensor dxOwn = lstm.backward(lstm.forward(x, null, null), dh, null).input();
        ownGrads = takeGrads(lstm);
        assertArrayEquals(dxOwn.data(), lstm.call(x).backward(dh).data());
        assertSameGrads("LstmCell from zeros", ownGrads, takeGrads(lstm));

        GruCell gru = new GruCell(5, 4, true, new Rng(5));
        dxOwn = gru.backward(gru.forward(x, h), dh).input();
        ownGrads = takeGrads(gru);
        CellOutput o = gru.call(x, h);
        assertSame(o.h(), o.output());
        assertArrayEquals(dxOwn.data(), o.backward(dh).data());
        assertSameGrads("GruCell", ownGrads, takeGrads(gru));

        RnnCell rnn = new RnnCell(5, 4, true, Nonlinearity.TANH, new Rng(6));
        dxOwn = rnn.backward(rnn.forward(x, h), dh).input();
        ownGrads = takeGrads(rnn);
        assertArrayEquals(dxOwn.data(), rnn.call(x, h).backward(dh).data());
        assertSameGrads("RnnCell", ownGrads, takeGrads(rnn));
    }

    @Test
    void luongAttention() {
        int B = 2, S = 4, T = 3, H = 5;
        LuongAttention att = new LuongAttention(H, new Rng(7));
        Tensor enc = Tensor.randn(DATA, B, S, H), dec = Tensor.randn(DATA, B, T, H), dOut = Tensor.randn(DATA, B, T, H);
        int[] srcLen = {4, 2};
        LuongAttention.Saved s = att.forward(enc.data(), srcLen, B, S, dec.data(), T);
        float[] dEnc = new float[B * S * H], dDec = new float[B * T * H];
        att.backward(s, dOut.data(), dEnc, dDec);
        List<float[]> own = takeGrads(att);
        LuongAttention.AttentionCall c = att.call(enc, srcLen, dec);
        assertArrayEquals(s.output(), c.output().data());
        assertArrayEquals(dDec, c.backward(dOut).data());
        assertArrayEquals(dEnc, c.dEncoder().data());
        assertSameGrads("LuongAttention", own, takeGrads(att));
    }

    /** Embedding → LSTM → Linear, composed only through calls, against central differences. */
    @Test
    void compositionPassesGradientCheck() {
        Embedding emb = new Embedding(6, 3, new Rng(8));
        Lstm lstm = Lstm.builder(3, 4).batchFirst(true).build();
        Linear head = new Linear(4, 2, true, new Rng(9));
        List<Layer> layers = List.of(emb, lstm, head);
        Tensor ids = new Tensor(new float[] {1, 4, 0, 5, 2, 2}, 2, 3);
        Tensor w = Tensor.randn(DATA, 2, 3, 2);   // loss = Σ y·w, so dL/dy = w
        DoubleSupplier loss = () -> {
            Tensor y = ids;
            for (Layer l : layers) y = l.call(y).output();
            return NumericalGradient.dot(y.data(), w.data());
        };
        List<Call> calls = new ArrayList<>();
        Tensor y = ids;
        for (Layer l : layers) {
            Call c = l.call(y);
            calls.add(c);
            y = c.output();
        }
        Tensor d = w;
        for (int i = calls.size() - 1; i >= 0; i--) d = calls.get(i).backward(d);
        assertNull(d, "token ids get no gradient");
        int checked = 0;
        for (Layer l : layers) {
            for (Parameter p : l.parameters()) {
                double[] numeric = NumericalGradient.of(p.data(), p.offset(), p.size(), loss);
                NumericalGradient.assertMatches(l + " " + p.name(), numeric, p.grad(), p.offset());
                checked++;
            }
        }
        assertEquals(1 + 4 + 2, checked);
    }
}
