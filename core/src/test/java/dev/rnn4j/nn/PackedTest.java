package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static dev.rnn4j.nn.Fixtures.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch with lengths (any order) equals running each sequence alone at its own length, forward and backward,
 * for every kind, bidirectional and two layers deep: outputs and gradients past a sequence's end are zero, the
 * final state is the one after its last real step, and the reverse direction starts at its last real step.
 */
class PackedTest {
    static Stream<RecurrentConfig> configs() { return Fixtures.configs(true, false).stream(); }

    /**
     * A step multiplies only the rows up to its last real one (padding's products are never read): in a batch longest
     * first, the full-length sequences then share their late steps' products with fewer rows than in a batch without
     * lengths, and must keep their bits, forward and backward.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fullLengthSequencesOfAPackedBatchKeepTheBitsOfAFullBatch(RecurrentConfig cfg) {
        int T = 7, B = 6, S = cfg.directions() * cfg.numLayers(), full = 2;
        int[] lengths = {7, 7, 6, 4, 2, 1};
        boolean lstm = cfg.kind() == RecurrentKind.LSTM;
        RecurrentNetwork packed = RecurrentNetwork.create(cfg), plain = RecurrentNetwork.create(cfg);
        Tensor x = randn(1, T, B, cfg.inputSize()), h0 = Fixtures.h0(cfg, B, 2), c0 = Fixtures.c0(cfg, B, 3);
        Tensor dy = randn(4, T, B, cfg.directions() * cfg.outputSize()), dhN = Fixtures.h0(cfg, B, 5);
        Tensor dcN = Fixtures.c0(cfg, B, 6);
        RecurrentOutput p = packed.forward(x, lengths, h0, c0), q = plain.forward(x, null, h0, c0);
        RecurrentGradients gp = packed.backward(p, dy, dhN, dcN), gq = plain.backward(q, dy, dhN, dcN);
        assertArrayEquals(slice(q.output(), 0, T, 0, full).data(), slice(p.output(), 0, T, 0, full).data(), "output");
        assertArrayEquals(slice(q.hN(), 0, S, 0, full).data(), slice(p.hN(), 0, S, 0, full).data(), "h_n");
        assertArrayEquals(slice(gq.input(), 0, T, 0, full).data(), slice(gp.input(), 0, T, 0, full).data(), "dx");
        assertArrayEquals(slice(gq.h0(), 0, S, 0, full).data(), slice(gp.h0(), 0, S, 0, full).data(), "dh0");
        if (lstm) assertArrayEquals(slice(gq.c0(), 0, S, 0, full).data(), slice(gp.c0(), 0, S, 0, full).data(), "dc0");
    }

    /**
     * One real row in the whole batch: its first step must have the bits of the same step in a batch without lengths
     * (projected with the other rows, not alone by the one-row product, which sums k in another order: input 64).
     */
    @Test
    void oneRealRowKeepsTheBitsOfAFullBatch() {
        int T = 5, I = 64;
        Tensor x = randn(1, T, 1, I);
        List<Supplier<RecurrentNetwork>> kinds = List.of(
                () -> Lstm.builder(I, 8).rng(new Rng(1)).build(),
                () -> Gru.builder(I, 8).rng(new Rng(1)).build(),
                () -> Rnn.builder(I, 8).rng(new Rng(1)).build());
        for (Supplier<RecurrentNetwork> kind : kinds) {
            RecurrentOutput packed = kind.get().forward(x, new int[] {1}, null, null);
            RecurrentOutput plain = kind.get().forward(x, null, null, null);
            assertArrayEquals(slice(plain.output(), 0, 1, 0, 1).data(), slice(packed.output(), 0, 1, 0, 1).data(),
                    plain.getClass().getSimpleName());
        }
    }

    /**
     * A sequence's results do not depend on its place in the batch, bit for bit: lengths in any order (padding between
     * real rows, whose steps multiply the real rows gathered) against the same sequences longest first (a prefix of
     * the rows at every step). Parameter gradients sum the rows in another order, so they are compared in
     * {@link #packedBatchEqualsEachSequenceAlone} to a tolerance.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aSequenceKeepsItsBitsWhereverItSits(RecurrentConfig cfg) {
        int T = 6, B = 5, S = cfg.directions() * cfg.numLayers(), W = cfg.directions() * cfg.outputSize();
        int[] lengths = {2, 6, 1, 5, 3}, order = {1, 3, 4, 0, 2};              // order: longest first
        boolean lstm = cfg.kind() == RecurrentKind.LSTM;
        Tensor x = randn(1, T, B, cfg.inputSize()), dy = randn(4, T, B, W);
        Tensor h0 = Fixtures.h0(cfg, B, 2), c0 = Fixtures.c0(cfg, B, 3);
        int[] sortedLengths = new int[B];
        Tensor xs = x.copy(), dys = dy.copy(), h0s = h0.copy(), c0s = lstm ? c0.copy() : null;
        for (int i = 0; i < B; i++) {
            sortedLengths[i] = lengths[order[i]];
            copyColumn(x, order[i], xs, i);
            copyColumn(dy, order[i], dys, i);
            copyColumn(h0, order[i], h0s, i);
            if (lstm) copyColumn(c0, order[i], c0s, i);
        }
        RecurrentNetwork any = RecurrentNetwork.create(cfg), sorted = RecurrentNetwork.create(cfg);
        RecurrentOutput oa = any.forward(x, lengths, h0, lstm ? c0 : null);
        RecurrentOutput os = sorted.forward(xs, sortedLengths, h0s, c0s);
        RecurrentGradients ga = any.backward(oa, dy, null, null), gs = sorted.backward(os, dys, null, null);
        for (int i = 0; i < B; i++) {
            int b = order[i];
            String seq = "sequence " + b + " (length " + lengths[b] + ")";
            assertArrayEquals(slice(oa.output(), 0, T, b, b + 1).data(), slice(os.output(), 0, T, i, i + 1).data(),
                    seq + " output");
            assertArrayEquals(slice(oa.hN(), 0, S, b, b + 1).data(), slice(os.hN(), 0, S, i, i + 1).data(),
                    seq + " h_n");
            assertArrayEquals(slice(ga.input(), 0, T, b, b + 1).data(), slice(gs.input(), 0, T, i, i + 1).data(),
                    seq + " grad input");
            assertArrayEquals(slice(ga.h0(), 0, S, b, b + 1).data(), slice(gs.h0(), 0, S, i, i + 1).data(),
                    seq + " grad h0");
        }
    }

    /** Copies column (batch entry) {@code from} of a {@code [N, B, W]} tensor to column {@code to} of another. */
    private static void copyColumn(Tensor src, int from, Tensor dst, int to) {
        int n = src.shape()[0], batch = src.shape()[1], w = src.shape()[2];
        for (int k = 0; k < n; k++) {
            System.arraycopy(src.data(), (k * batch + from) * w, dst.data(), (k * batch + to) * w, w);
        }
    }

    /**
     * What a batch holds past a sequence's end is never read, as in PyTorch's packed sequences: NaN there gives the
     * bits of zeros there, outputs and every gradient (the padded steps' products are dropped or overwritten, and the
     * weight gradients take the real rows only).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void paddingValuesAreNeverRead(RecurrentConfig cfg) {
        int T = 6, B = 5, I = cfg.inputSize();
        int[] lengths = {6, 2, 5, 1, 4};
        Tensor zeros = randn(1, T, B, I), nans = zeros.copy();
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                if (t < lengths[b]) continue;
                Arrays.fill(zeros.data(), (t * B + b) * I, (t * B + b + 1) * I, 0f);
                Arrays.fill(nans.data(), (t * B + b) * I, (t * B + b + 1) * I, Float.NaN);
            }
        }
        RecurrentNetwork a = RecurrentNetwork.create(cfg), b = RecurrentNetwork.create(cfg);
        Tensor dy = randn(4, T, B, cfg.directions() * cfg.outputSize());
        RecurrentOutput oa = a.forward(zeros, lengths, null, null), ob = b.forward(nans, lengths, null, null);
        assertArrayEquals(oa.output().data(), ob.output().data(), "output");
        assertArrayEquals(oa.hN().data(), ob.hN().data(), "h_n");
        RecurrentGradients ga = a.backward(oa, dy, null, null), gb = b.backward(ob, dy, null, null);
        assertArrayEquals(ga.input().data(), gb.input().data(), "grad input");
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).grad(), b.parameters().get(i).grad(),
                    "grad " + a.parameters().get(i).name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void packedBatchEqualsEachSequenceAlone(RecurrentConfig cfg) {
        int T = 5, B = 4, W = cfg.directions() * cfg.outputSize(), S = cfg.directions() * cfg.numLayers();
        int[] lengths = {3, 5, 1, 4};
        boolean lstm = cfg.kind() == RecurrentKind.LSTM;
        RecurrentNetwork batch = RecurrentNetwork.create(cfg), single = RecurrentNetwork.create(cfg);
        Tensor x = randn(1, T, B, cfg.inputSize()), h0 = Fixtures.h0(cfg, B, 2), c0 = Fixtures.c0(cfg, B, 3);
        Tensor dy = randn(4, T, B, W), dhN = Fixtures.h0(cfg, B, 5), dcN = Fixtures.c0(cfg, B, 6);

        RecurrentOutput out = batch.forward(x, lengths, h0, c0);
        RecurrentGradients g = batch.backward(out, dy, dhN, dcN);

        for (int b = 0; b < B; b++) {
            int L = lengths[b];
            RecurrentOutput o = single.forward(slice(x, 0, L, b, b + 1), null, slice(h0, 0, S, b, b + 1),
                    lstm ? slice(c0, 0, S, b, b + 1) : null);
            String seq = "sequence " + b + " (length " + L + ")";
            assertClose(o.output(), slice(out.output(), 0, L, b, b + 1), seq + " output");
            for (float v : slice(out.output(), L, T, b, b + 1).data()) assertEquals(0f, v, seq + " padded output");
            assertClose(o.hN(), slice(out.hN(), 0, S, b, b + 1), seq + " h_n");
            if (lstm) assertClose(o.cN(), slice(out.cN(), 0, S, b, b + 1), seq + " c_n");

            RecurrentGradients gb = single.backward(o, slice(dy, 0, L, b, b + 1), slice(dhN, 0, S, b, b + 1),
                    lstm ? slice(dcN, 0, S, b, b + 1) : null);
            assertClose(gb.input(), slice(g.input(), 0, L, b, b + 1), seq + " grad input");
            for (float v : slice(g.input(), L, T, b, b + 1).data()) assertEquals(0f, v, seq + " grad of padded input");
            assertClose(gb.h0(), slice(g.h0(), 0, S, b, b + 1), seq + " grad h0");
            if (lstm) assertClose(gb.c0(), slice(g.c0(), 0, S, b, b + 1), seq + " grad c0");
        }
        // `single` accumulated the parameter gradients of all B sequences: their sum is the batch's gradient
        for (int i = 0; i < batch.parameters().size(); i++) {
            Parameter p = batch.parameters().get(i);
            assertClose(p.gradient(), single.parameters().get(i).gradient(), "grad " + p.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fullLengthsEqualNoLengths(RecurrentConfig cfg) {
        int T = 4, B = 2;
        RecurrentNetwork a = RecurrentNetwork.create(cfg), b = RecurrentNetwork.create(cfg);
        Tensor x = randn(1, T, B, cfg.inputSize());
        RecurrentOutput oa = a.forward(x, null, null, null), ob = b.forward(x, new int[] {T, T}, null, null);
        assertClose(oa.output(), ob.output(), "output");
        assertClose(oa.hN(), ob.hN(), "h_n");
    }
}
