package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.rnn4j.kernel.Activations.tanh;

/**
 * The fused element-wise part of one LSTM step for one batch row, gate rows in PyTorch's order
 * {@code [i, f, g, o]} (each {@code H} wide):
 * <pre>
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 * </pre>
 * where {@code a} are the pre-activations {@code W_ih x + b_ih + W_hh h + b_hh}.
 *
 * <pre>{@code
 * LstmGates.forward(H, gates, 0, c, 0, h, 0);          // gates become [i, f, g, o], c and h updated
 * LstmGates.backward(H, gates, 0, cPrev, 0, c, 0, dh, 0, dc, 0, dGates, 0);
 * }</pre>
 */
public final class LstmGates {
    private static final VectorSpecies<Float> S = Activations.S;

    private LstmGates() {}

    /**
     * In place: {@code g[gOff..gOff+4H)} pre-activations become activations; {@code c[cOff..cOff+H)}
     * goes from c to c'; writes h' = o ⊙ tanh(c') to {@code h[hOff..hOff+H)}.
     */
    public static void forward(int H, float[] g, int gOff, float[] c, int cOff, float[] h, int hOff) {
        forward(H, g, gOff, c, cOff, h, hOff, null, 0);
    }

    /**
     * As {@link #forward(int, float[], int, float[], int, float[], int)}, and keeps tanh(c') in
     * {@code tanhC[tOff..tOff+H)} (when not null) for {@link #backwardFromTanh}, which then need not compute it again.
     */
    public static void forward(int H, float[] g, int gOff, float[] c, int cOff, float[] h, int hOff,
                               float[] tanhC, int tOff) {
        int iOff = gOff, fOff = gOff + H, gg = gOff + 2 * H, oOff = gOff + 3 * H;
        // One activation per pass, then the cell update: with all five in one loop body C2 stops inlining
        // the vector calls, and a call it does not inline boxes its vectors (measured: 78 MB of garbage per
        // 3200 rows of H 512). Every element sees the same operations either way, so the bits are unchanged.
        Activations.sigmoidInPlace(g, iOff, 2 * H);                 // i and f are adjacent blocks
        Activations.tanhInPlace(g, gg, H);
        Activations.sigmoidInPlace(g, oOff, H);
        int j = 0;
        for (int bound = S.loopBound(H); j < bound; j += S.length()) {   // c' = f ⊙ c + i ⊙ g
            FloatVector i = FloatVector.fromArray(S, g, iOff + j);
            FloatVector f = FloatVector.fromArray(S, g, fOff + j);
            FloatVector gt = FloatVector.fromArray(S, g, gg + j);
            f.mul(FloatVector.fromArray(S, c, cOff + j)).add(i.mul(gt)).intoArray(c, cOff + j);
        }
        for (; j < H; j++) c[cOff + j] = g[fOff + j] * c[cOff + j] + g[iOff + j] * g[gg + j];
        // h' = o ⊙ tanh(c'), tanh(c') computed where it is kept (tanhC), or in h itself
        float[] t = tanhC != null ? tanhC : h;
        int tc = tanhC != null ? tOff : hOff;
        System.arraycopy(c, cOff, t, tc, H);
        Activations.tanhInPlace(t, tc, H);
        j = 0;
        for (int bound = S.loopBound(H); j < bound; j += S.length()) {
            FloatVector.fromArray(S, g, oOff + j).mul(FloatVector.fromArray(S, t, tc + j)).intoArray(h, hOff + j);
        }
        for (; j < H; j++) h[hOff + j] = g[oOff + j] * t[tc + j];
    }

    /**
     * Gradients of one step for one row. Reads the activations {@code g}, the cell before ({@code cPrev})
     * and after ({@code c}) the step, the gradient {@code dh} w.r.t. h'; {@code dc} holds dL/dc' on entry
     * and dL/dc on exit. Writes dL/da for the four gates to {@code dg[dgOff..dgOff+4H)}:
     * <pre>
     *   dc' += dh ⊙ o ⊙ (1 − tanh²(c'))
     *   da_i = dc' ⊙ g ⊙ i(1−i)      da_f = dc' ⊙ c ⊙ f(1−f)
     *   da_g = dc' ⊙ i ⊙ (1−g²)      da_o = dh ⊙ tanh(c') ⊙ o(1−o)
     *   dc   = dc' ⊙ f
     * </pre>
     */
    public static void backward(int H, float[] g, int gOff, float[] cPrev, int cpOff, float[] c, int cOff,
                                float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff) {
        backward(H, g, gOff, cPrev, cpOff, c, cOff, false, dh, dhOff, dc, dcOff, dg, dgOff);
    }

    /**
     * As {@link #backward(int, float[], int, float[], int, float[], int, float[], int, float[], int, float[], int)}
     * with tanh(c') kept by {@link #forward(int, float[], int, float[], int, float[], int, float[], int)} in place
     * of c': the same bits, one tanh per element fewer.
     */
    public static void backwardFromTanh(int H, float[] g, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tOff,
                                        float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff) {
        backward(H, g, gOff, cPrev, cpOff, tanhC, tOff, true, dh, dhOff, dc, dcOff, dg, dgOff);
    }

    /** {@code c} holds c' or, with {@code tanhGiven}, tanh(c'). */
    private static void backward(int H, float[] g, int gOff, float[] cPrev, int cpOff, float[] c, int cOff,
                                 boolean tanhGiven, float[] dh, int dhOff, float[] dc, int dcOff, float[] dg,
                                 int dgOff) {
        int iOff = gOff, fOff = gOff + H, gg = gOff + 2 * H, oOff = gOff + 3 * H;
        int j = 0;
        FloatVector one = Activations.one();
        for (int bound = S.loopBound(H); j < bound; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, g, iOff + j);
            FloatVector f = FloatVector.fromArray(S, g, fOff + j);
            FloatVector gt = FloatVector.fromArray(S, g, gg + j);
            FloatVector o = FloatVector.fromArray(S, g, oOff + j);
            FloatVector tc = FloatVector.fromArray(S, c, cOff + j);
            if (!tanhGiven) tc = tanh(tc);
            FloatVector dhv = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector dct = FloatVector.fromArray(S, dc, dcOff + j).add(dhv.mul(o).mul(one.sub(tc.mul(tc))));
            dct.mul(gt).mul(i).mul(one.sub(i)).intoArray(dg, dgOff + j);
            dct.mul(FloatVector.fromArray(S, cPrev, cpOff + j)).mul(f).mul(one.sub(f)).intoArray(dg, dgOff + H + j);
            dct.mul(i).mul(one.sub(gt.mul(gt))).intoArray(dg, dgOff + 2 * H + j);
            dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(dg, dgOff + 3 * H + j);
            dct.mul(f).intoArray(dc, dcOff + j);
        }
        for (; j < H; j++) {
            float i = g[iOff + j], f = g[fOff + j], gt = g[gg + j], o = g[oOff + j];
            float tc = tanhGiven ? c[cOff + j] : tanh(c[cOff + j]);
            float dhv = dh[dhOff + j];
            float dct = dc[dcOff + j] + dhv * o * (1f - tc * tc);
            dg[dgOff + j] = dct * gt * i * (1f - i);
            dg[dgOff + H + j] = dct * cPrev[cpOff + j] * f * (1f - f);
            dg[dgOff + 2 * H + j] = dct * i * (1f - gt * gt);
            dg[dgOff + 3 * H + j] = dhv * tc * o * (1f - o);
            dc[dcOff + j] = dct * f;
        }
    }
}
