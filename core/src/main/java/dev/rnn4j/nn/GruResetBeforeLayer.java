package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;

import java.util.Arrays;
import java.util.List;

/**
 * One GRU layer, one direction, with the reset gate applied <em>before</em> the recurrent product (Keras's
 * {@code reset_after=False}, the original GRU of Cho et al. and Keras 2's default). Gate rows [r, z, n] as
 * PyTorch's, the same parameters:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)        z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)                h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The step needs r before the n block's recurrent product, so each step does two GEMMs (rows [r, z] on h,
 * then rows n on r ⊙ h) where the default GRU does one. Plain loops for the gate math: this variant is for
 * imported models, the default {@link GruLayer} keeps its fused kernels.
 */
final class GruResetBeforeLayer implements RecurrentLayer {
    final GateWeights w;
    final int H;
    final boolean reverse;
    final GateFunction gate;
    private final Scratch scratch = new Scratch(5);

    GruResetBeforeLayer(int inputSize, int hiddenSize, GateFunction gate, boolean bias, boolean reverse,
            String suffix) {
        this.H = hiddenSize;
        this.gate = gate;
        this.reverse = reverse;
        this.w = new GateWeights(3 * hiddenSize, inputSize, hiddenSize, bias, suffix);
    }

    @Override
    public List<Parameter> parameters() { return w.list(); }

    /** Saves gates [r, z, n], hPrev, and r ⊙ h in {@code aux} (the input of the n block's recurrent product). */
    @Override
    public LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0,
                              float[] y, int yOff, int ldy, Workspace space) {
        int G = 3 * H, TB = T * B;
        float[] a = space.zeros(TB * G), hPrev = space.zeros(TB * H), rh = space.zeros(TB * H);
        float[] h = new float[B * H];
        Steps.init(h, h0, B * H);
        float[] hg = scratch.zeros(0, B * G);
        w.projectInputs(x, inputRows, TB, a, false);                   // a = W_ih x + b_ih, all steps at once
        float[] whh = w.weightHh.data();
        int whhOff = w.weightHh.offset();
        for (int s = 0; s < T; s++) {
            int t = Steps.time(s, T, reverse), row0 = t * B;
            System.arraycopy(h, 0, hPrev, row0 * H, B * H);
            w.hiddenBias(B, hg, 0);                           // hg = b_hh
            // hg[:, r z] += h · W_hh[r z]ᵀ
            Gemm.sgemm(false, true, B, 2 * H, H, h, 0, H, whh, whhOff, H, 1f, hg, 0, G);
            for (int b = 0; b < B; b++) {
                int g = (row0 + b) * G, e = b * G, hr = (row0 + b) * H;
                for (int j = 0; j < 2 * H; j++) a[g + j] = gate.apply(a[g + j] + hg[e + j]);
                for (int j = 0; j < H; j++) rh[hr + j] = a[g + j] * h[b * H + j];
            }
            // hg[:, n] += (r ⊙ h) · W_hnᵀ
            Gemm.sgemm(false, true, B, H, H, rh, row0 * H, H, whh, whhOff + 2 * H * H, H, 1f, hg, 2 * H, G);
            for (int b = 0; b < B; b++) {
                int g = (row0 + b) * G, e = b * G;
                if (!LayerTrace.valid(lengths, t, b)) {
                    Arrays.fill(a, g, g + G, 0f);
                    continue;
                }
                for (int j = 0; j < H; j++) {
                    float n = (float) Math.tanh(a[g + 2 * H + j] + hg[e + 2 * H + j]);
                    float z = a[g + H + j];
                    a[g + 2 * H + j] = n;
                    h[b * H + j] = (1f - z) * n + z * h[b * H + j];
                }
            }
            Steps.writeOutput(t, B, 0, B, H, lengths, h, y, yOff, ldy);
        }
        return new LayerTrace(T, B, lengths, x, a, hPrev, null, null, rh, h, null, inputRows);
    }

    /**
     * Per step, from dL/dh' (dh): {@code da_n = dh(1 − z)(1 − n²)}, {@code da_z = dh(h − n) z(1 − z)},
     * {@code d(r⊙h) = da_n W_hn}, {@code da_r = d(r⊙h) ⊙ h ⊙ r(1 − r)},
     * {@code dh_prev = dh ⊙ z + d(r⊙h) ⊙ r + [da_r, da_z] W_hh[r z]}. The pre-activation gradient is the same on
     * the input and the recurrent side, so dW_ih, both biases and dx come from one array.
     */
    @Override
    public void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                         float[] dx, boolean accumulateDx, float[] dh0, float[] dc0) {
        int T = s.T(), B = s.B(), G = 3 * H, TB = T * B;
        int[] lengths = s.lengths();
        float[] gates = s.gates(), hPrev = s.hPrev(), rh = s.aux();
        float[] dA = scratch.zeros(1, TB * G), dht = scratch.zeros(2, B * H);
        float[] dRh = scratch.zeros(3, B * H), dhNew = scratch.zeros(4, B * H);
        float[] whh = w.weightHh.data();
        int whhOff = w.weightHh.offset();
        float[] dh = dh0;                                     // carried dL/dh, ends as dh0
        Steps.init(dh, dhN, B * H);
        for (int k = T - 1; k >= 0; k--) {
            int t = Steps.time(k, T, reverse), row0 = t * B;
            Steps.upstream(t, B, 0, B, H, lengths, dh, dy, dyOff, ldy, dht, 0);
            for (int b = 0; b < B; b++) {
                if (!LayerTrace.valid(lengths, t, b)) continue;
                int g = (row0 + b) * G, hr = (row0 + b) * H;
                for (int j = 0; j < H; j++) {
                    float z = gates[g + H + j], n = gates[g + 2 * H + j], d = dht[b * H + j];
                    dA[g + 2 * H + j] = d * (1f - z) * (1f - n * n);
                    dA[g + H + j] = d * (hPrev[hr + j] - n) * gate.derivative(z);
                }
            }
            // d(r⊙h) = da_n · W_hn
            Gemm.sgemm(false, false, B, H, H, dA, row0 * G + 2 * H, G, whh, whhOff + 2 * H * H, H, 0f, dRh, 0, H);
            for (int b = 0; b < B; b++) {
                int g = (row0 + b) * G, hr = (row0 + b) * H;
                if (!LayerTrace.valid(lengths, t, b)) {
                    Arrays.fill(dhNew, b * H, b * H + H, 0f);
                    continue;
                }
                for (int j = 0; j < H; j++) {
                    float r = gates[g + j], d = dRh[b * H + j];
                    dA[g + j] = d * hPrev[hr + j] * gate.derivative(r);
                    dhNew[b * H + j] = dht[b * H + j] * gates[g + H + j] + d * r;
                }
            }
            // dh_prev += [da_r, da_z] · W_hh[r z]
            Gemm.sgemm(false, false, B, H, 2 * H, dA, row0 * G, G, whh, whhOff, H, 1f, dhNew, 0, H);
            Steps.advance(t, 0, B, H, lengths, dhNew, 0, dh);
        }
        float[] gHh = w.weightHh.grad();
        // both biases' sums of each gate block, taken as its product packs dA (none without biases)
        float[] dbIh = GateWeights.gradOf(w.biasIh), dbHh = GateWeights.gradOf(w.biasHh);
        int ih = GateWeights.offsetOf(w.biasIh), hh = GateWeights.offsetOf(w.biasHh);
        Gemm.sgemmWithColumnSums(false, 2 * H, H, TB, dA, 0, G, hPrev, 0, H, 1f, gHh, whhOff, H, dbIh, ih, dbHh, hh);
        Gemm.sgemmWithColumnSums(false, H, H, TB, dA, 2 * H, G, rh, 0, H, 1f, gHh, whhOff + 2 * H * H, H,
                dbIh, ih + 2 * H, dbHh, hh + 2 * H);
        w.gradients.inputSide(s.x(), s.inputRows(), dA, TB, dx, accumulateDx);
    }
}
