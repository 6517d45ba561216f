package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vectorised gate kernels equal their scalar double-precision twins ({@link GatesReference}) on lengths
 * that exercise full vectors, the scalar tail and both, at non-zero offsets. Tolerance 1e-6 absolute on values
 * of order 1: a few float ulps, while any wrong term is off by far more.
 */
class GatesTest {
    private static final float TOL = 1e-6f;

    private static float[] random(Rng rng, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rng.nextGaussian() * scale);
        return a;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            float tol = TOL * Math.max(1f, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    @ParameterizedTest(name = "H={0}")
    @ValueSource(ints = {1, 7, 31, 33, 255, 1000})
    void lstm(int H) {
        Rng rng = new Rng(H);
        int off = 3;
        float[] g = random(rng, off + 4 * H, 3f), c = random(rng, off + H, 1f), h = new float[off + H];
        float[] g2 = g.clone(), c2 = c.clone(), h2 = h.clone(), cPrev = c.clone(), gatesBefore = g.clone();
        LstmGates.forward(H, g, off, c, off, h, off);
        GatesReference.lstmForward(H, g2, off, c2, off, h2, off);
        assertClose(g2, g, "gates");
        assertClose(c2, c, "c");
        assertClose(h2, h, "h");

        float[] dh = random(rng, off + H, 1f), dc = random(rng, off + H, 1f), dg = new float[off + 4 * H];
        float[] dc2 = dc.clone(), dg2 = dg.clone(), dcBefore = dc.clone();
        LstmGates.backward(H, g, off, cPrev, off, c, off, dh, off, dc, off, dg, off);
        GatesReference.lstmBackward(H, g, off, cPrev, off, c, off, dh, off, dc2, off, dg2, off);
        assertClose(dg2, dg, "dGates");
        assertClose(dc2, dc, "dc");

        // tanh(c') kept by forward gives backward the same bits as computing it again from c'
        float[] tanhC = new float[off + H], c3 = cPrev.clone(), h3 = new float[off + H], gIn = gatesBefore.clone();
        LstmGates.forward(H, gIn, off, c3, off, h3, off, tanhC, off);
        float[] dcFromC = dcBefore.clone(), dgFromC = new float[off + 4 * H];
        float[] dcFromTanh = dcBefore.clone(), dgFromTanh = new float[off + 4 * H];
        LstmGates.backward(H, gIn, off, cPrev, off, c3, off, dh, off, dcFromC, off, dgFromC, off);
        LstmGates.backwardFromTanh(H, gIn, off, cPrev, off, tanhC, off, dh, off, dcFromTanh, off, dgFromTanh, off);
        assertArrayEquals(dgFromC, dgFromTanh, "dGates from tanh(c')");
        assertArrayEquals(dcFromC, dcFromTanh, "dc from tanh(c')");
    }

    @ParameterizedTest(name = "H={0}")
    @ValueSource(ints = {1, 7, 31, 33, 255, 1000})
    void gru(int H) {
        Rng rng = new Rng(100 + H);
        int off = 5;
        float[] g = random(rng, off + 3 * H, 2f), hg = random(rng, off + 3 * H, 2f), h = random(rng, off + H, 1f);
        float[] hPrev = h.clone(), g2 = g.clone(), h2 = h.clone(), hn = new float[off + H], hn2 = new float[off + H];
        GruGates.forward(H, g, off, hg, off, h, off, hn, off);
        GatesReference.gruForward(H, g2, off, hg, off, h2, off, hn2, off);
        assertClose(g2, g, "gates");
        assertClose(h2, h, "h");
        assertClose(hn2, hn, "hn");

        float[] dh = random(rng, off + H, 1f);
        float[] dgx = new float[off + 3 * H], dgh = new float[off + 3 * H], dhp = new float[off + H];
        float[] dgx2 = dgx.clone(), dgh2 = dgh.clone(), dhp2 = dhp.clone();
        GruGates.backward(H, g, off, hn, off, hPrev, off, dh, off, dgx, off, dgh, off, dhp, off);
        GatesReference.gruBackward(H, g, off, hn, off, hPrev, off, dh, off, dgx2, off, dgh2, off, dhp2, off);
        assertClose(dgx2, dgx, "dgx");
        assertClose(dgh2, dgh, "dgh");
        assertClose(dhp2, dhp, "dhPrev");
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 7, 31, 33, 255, 1000})
    void rnnTanhAndRelu(int n) {
        for (boolean relu : new boolean[] {false, true}) {
            Rng rng = new Rng(200 + n);
            int off = 2;
            float[] a = random(rng, off + n, 3f), a2 = a.clone();
            RnnGates.forward(n, relu, a, off);
            GatesReference.rnnForward(n, relu, a2, off);
            assertClose(a2, a, "h relu=" + relu);
            float[] dh = random(rng, off + n, 1f), da = new float[off + n], da2 = new float[off + n];
            RnnGates.backward(n, relu, a, off, dh, off, da, off);
            GatesReference.rnnBackward(n, relu, a, off, dh, off, da2, off);
            assertClose(da2, da, "da relu=" + relu);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 7, 31, 33, 255, 1000})
    void columnSumsAndBroadcast(int n) {
        Rng rng = new Rng(300 + n);
        int rows = 5;
        float[] a = random(rng, 1 + rows * n, 1f), sum = random(rng, n, 1f), sum2 = sum.clone();
        Rows.addColumnSums(rows, n, a, 1, sum, 0);
        GatesReference.columnSums(rows, n, a, 1, sum2, 0);
        assertClose(sum2, sum, "column sums");

        float[] b1 = random(rng, n, 1f), b2 = random(rng, n, 1f), out = new float[rows * n];
        Rows.broadcast(rows, n, b1, 0, b2, 0, out, 0);
        for (int r = 0; r < rows; r++) for (int j = 0; j < n; j++) assertEquals(b1[j] + b2[j], out[r * n + j], 0f);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 7, 31, 33, 255, 1000})
    void extremePreActivationsSaturateWithoutNaN(int n) {
        float[] a = new float[4 * n], c = new float[n], h = new float[n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 2 == 0 ? 1 : -1) * 1e4f;
        LstmGates.forward(n, a, 0, c, 0, h, 0);
        for (float v : a) assertEquals(Math.abs(v) <= 1f, true, "activation " + v);
        for (float v : h) assertEquals(false, Float.isNaN(v));
    }
}
