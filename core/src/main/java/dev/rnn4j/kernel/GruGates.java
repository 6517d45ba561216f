package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;


/**
 * The fused element-wise part of one GRU step for one batch row, gate rows in PyTorch's order
 * {@code [r, z, n]} (each {@code H} wide), with {@code x·} = {@code W_i· x + b_i·} and
 * {@code h·} = {@code W_h· h + b_h·}:
 * <pre>
 *   r = σ(x_r + h_r)   z = σ(x_z + h_z)   n = tanh(x_n + r ⊙ h_n)
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <pre>{@code
 * GruGates.forward(H, gates, 0, hg, 0, h, 0, hn, 0);   // gates become [r, z, n], h becomes h'
 * GruGates.backward(H, gates, 0, hn, 0, hPrev, 0, dh, 0, dgx, 0, dgh, 0, dhPrev, 0);
 * }</pre>
 */
public final class GruGates {
    private static final VectorSpecies<Float> S = Activations.S;

    private GruGates() {}

    /**
     * {@code g[gOff..gOff+3H)} holds the input parts {@code x_r, x_z, x_n} and becomes {@code r, z, n};
     * {@code hg[hgOff..hgOff+3H)} holds {@code h_r, h_z, h_n}; {@code h[hOff..hOff+H)} goes from h to h';
     * {@code h_n} is copied to {@code hn[hnOff..)} because the backward pass needs it.
     */
    public static void forward(int H, float[] g, int gOff, float[] hg, int hgOff, float[] h, int hOff,
                               float[] hn, int hnOff) {
        int rOff = gOff, zOff = gOff + H, nOff = gOff + 2 * H;
        // In passes, one activation each: fused in one loop body, C2 stops inlining the vector calls and
        // boxes their vectors (measured: 26 MB of garbage per 3200 rows of H 512). Same operations per
        // element either way, so the bits are unchanged.
        int j = 0;
        for (int bound = S.loopBound(2 * H); j < bound; j += S.length()) {   // x_r + h_r, x_z + h_z
            FloatVector.fromArray(S, g, rOff + j).add(FloatVector.fromArray(S, hg, hgOff + j)).intoArray(g, rOff + j);
        }
        for (; j < 2 * H; j++) g[rOff + j] = g[rOff + j] + hg[hgOff + j];
        Activations.sigmoidInPlace(g, rOff, 2 * H);                        // r, z
        System.arraycopy(hg, hgOff + 2 * H, hn, hnOff, H);                // h_n, kept for backward
        j = 0;
        for (int bound = S.loopBound(H); j < bound; j += S.length()) {     // x_n + r ⊙ h_n
            FloatVector r = FloatVector.fromArray(S, g, rOff + j);
            FloatVector.fromArray(S, g, nOff + j).add(r.mul(FloatVector.fromArray(S, hn, hnOff + j)))
                    .intoArray(g, nOff + j);
        }
        for (; j < H; j++) g[nOff + j] = g[nOff + j] + g[rOff + j] * hn[hnOff + j];
        Activations.tanhInPlace(g, nOff, H);                               // n
        FloatVector one = Activations.one();
        j = 0;
        for (int bound = S.loopBound(H); j < bound; j += S.length()) {     // h' = (1 − z) ⊙ n + z ⊙ h
            FloatVector z = FloatVector.fromArray(S, g, zOff + j);
            FloatVector n = FloatVector.fromArray(S, g, nOff + j);
            one.sub(z).mul(n).add(z.mul(FloatVector.fromArray(S, h, hOff + j))).intoArray(h, hOff + j);
        }
        for (; j < H; j++) {
            float z = g[zOff + j];
            h[hOff + j] = (1f - z) * g[nOff + j] + z * h[hOff + j];
        }
    }

    /**
     * Gradients of one step for one row, from dL/dh' ({@code dh}):
     * <pre>
     *   dn = dh ⊙ (1 − z)           da_n = dn ⊙ (1 − n²)         (input part of n; dh_n = da_n ⊙ r)
     *   dz = dh ⊙ (h − n)           da_z = dz ⊙ z(1 − z)
     *   dr = da_n ⊙ h_n             da_r = dr ⊙ r(1 − r)
     *   dh_direct = dh ⊙ z          (the rest of dL/dh is dgh · W_hh, added by the caller)
     * </pre>
     * Writes {@code [da_r, da_z, da_n]} to {@code dgx}, {@code [da_r, da_z, da_n ⊙ r]} to {@code dgh},
     * and {@code dh ⊙ z} to {@code dhPrev}.
     */
    public static void backward(int H, float[] g, int gOff, float[] hn, int hnOff, float[] hPrev, int hpOff,
                                float[] dh, int dhOff, float[] dgx, int dgxOff, float[] dgh, int dghOff,
                                float[] dhPrev, int dhpOff) {
        int rOff = gOff, zOff = gOff + H, nOff = gOff + 2 * H;
        int j = 0;
        FloatVector one = Activations.one();
        for (int bound = S.loopBound(H); j < bound; j += S.length()) {
            FloatVector r = FloatVector.fromArray(S, g, rOff + j);
            FloatVector z = FloatVector.fromArray(S, g, zOff + j);
            FloatVector n = FloatVector.fromArray(S, g, nOff + j);
            FloatVector dhv = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector hp = FloatVector.fromArray(S, hPrev, hpOff + j);
            FloatVector dan = dhv.mul(one.sub(z)).mul(one.sub(n.mul(n)));
            FloatVector daz = dhv.mul(hp.sub(n)).mul(z).mul(one.sub(z));
            FloatVector dar = dan.mul(FloatVector.fromArray(S, hn, hnOff + j)).mul(r).mul(one.sub(r));
            dar.intoArray(dgx, dgxOff + j);
            daz.intoArray(dgx, dgxOff + H + j);
            dan.intoArray(dgx, dgxOff + 2 * H + j);
            dar.intoArray(dgh, dghOff + j);
            daz.intoArray(dgh, dghOff + H + j);
            dan.mul(r).intoArray(dgh, dghOff + 2 * H + j);
            dhv.mul(z).intoArray(dhPrev, dhpOff + j);
        }
        for (; j < H; j++) {
            float r = g[rOff + j], z = g[zOff + j], n = g[nOff + j], dhv = dh[dhOff + j];
            float dan = dhv * (1f - z) * (1f - n * n);
            float daz = dhv * (hPrev[hpOff + j] - n) * z * (1f - z);
            float dar = dan * hn[hnOff + j] * r * (1f - r);
            dgx[dgxOff + j] = dar;
            dgx[dgxOff + H + j] = daz;
            dgx[dgxOff + 2 * H + j] = dan;
            dgh[dghOff + j] = dar;
            dgh[dghOff + H + j] = daz;
            dgh[dghOff + 2 * H + j] = dan * r;
            dhPrev[dhpOff + j] = dhv * z;
        }
    }
}
