package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.Rows;

import java.util.Arrays;
import java.util.List;

/**
 * One GRU layer, one direction, reset gate after the recurrent product as PyTorch's GRU (Keras's
 * {@code reset_after=True}), with any {@link GateFunction} for r and z: Keras's GRU with
 * {@code recurrent_activation='hard_sigmoid'}. Gate rows [r, z, n] as PyTorch's, the same parameters:
 * <pre>
 *   r = g(W_ir x + b_ir + W_hr h + b_hr)        z = g(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))                h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Plain loops for the gate math: this variant is for imported models; with the sigmoid {@link GruLayer} keeps
 * its fused kernels.
 */
final class GruPlainLayer implements RecurrentLayer {
    final GateWeights w;
    final int H;
    final boolean reverse;
    final GateFunction gate;
    private final Scratch scratch = new Scratch(4);

    GruPlainLayer(int inputSize, int hiddenSize, GateFunction gate, boolean bias, boolean reverse, String suffix) {
        this.H = hiddenSize;
        this.gate = gate;
        this.reverse = reverse;
        this.w = new GateWeights(3 * hiddenSize, inputSize, hiddenSize, bias, suffix);
    }

    @Override
    public List<Parameter> parameters() { return w.list(); }

    /** Saves gates [r, z, n], hPrev, and W_hn h + b_hn in {@code aux} (what r multiplies). */
    @Override
    public LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0,
                              float[] y, int yOff, int ldy, Workspace space) {
        int G = 3 * H, TB = T * B;
        float[] a = space.zeros(TB * G), hPrev = space.zeros(TB * H), hn = space.zeros(TB * H);
        float[] h = new float[B * H];
        Steps.init(h, h0, B * H);
        float[] hg = scratch.zeros(0, B * G);
        w.projectInputs(x, inputRows, TB, a, false);                   // a = W_ih x + b_ih, all steps at once
        for (int s = 0; s < T; s++) {
            int t = Steps.time(s, T, reverse), row0 = t * B;
            System.arraycopy(h, 0, hPrev, row0 * H, B * H);
            w.recurrentWithHiddenBias(false, h, 0, B, hg, 0);          // hg = h · W_hhᵀ + b_hh
            for (int b = 0; b < B; b++) {
                int g = (row0 + b) * G, e = b * G, hr = (row0 + b) * H;
                if (!LayerTrace.valid(lengths, t, b)) {
                    Arrays.fill(a, g, g + G, 0f);
                    continue;
                }
                for (int j = 0; j < H; j++) {
                    float r = gate.apply(a[g + j] + hg[e + j]);
                    float z = gate.apply(a[g + H + j] + hg[e + H + j]);
                    float n = (float) Math.tanh(a[g + 2 * H + j] + r * hg[e + 2 * H + j]);
                    a[g + j] = r;
                    a[g + H + j] = z;
                    a[g + 2 * H + j] = n;
                    hn[hr + j] = hg[e + 2 * H + j];
                    h[b * H + j] = (1f - z) * n + z * h[b * H + j];
                }
            }
            Steps.writeOutput(t, B, 0, B, H, lengths, h, y, yOff, ldy);
        }
        return new LayerTrace(T, B, lengths, x, a, hPrev, null, null, hn, h, null, inputRows);
    }

    /**
     * Per step, from dL/dh' (dh): {@code da_n = dh(1 − z)(1 − n²)}, {@code da_z = dh(h − n) g'(z)},
     * {@code da_r = da_n (W_hn h + b_hn) g'(r)}; the recurrent pre-activations get [da_r, da_z, r ⊙ da_n] and
     * {@code dh_prev = dh ⊙ z + [da_r, da_z, r ⊙ da_n] W_hh}. The input side gets [da_r, da_z, da_n].
     */
    @Override
    public void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                         float[] dx, boolean accumulateDx, float[] dh0, float[] dc0) {
        int T = s.T(), B = s.B(), G = 3 * H, TB = T * B;
        int[] lengths = s.lengths();
        float[] gates = s.gates(), hPrev = s.hPrev(), hn = s.aux();
        float[] dA = scratch.zeros(1, TB * G), dHg = scratch.zeros(2, TB * G), dht = scratch.zeros(3, B * H);
        float[] whh = w.weightHh.data();
        int whhOff = w.weightHh.offset();
        float[] dh = dh0;                                     // carried dL/dh, ends as dh0
        Steps.init(dh, dhN, B * H);
        float[] dhNew = new float[B * H];
        for (int k = T - 1; k >= 0; k--) {
            int t = Steps.time(k, T, reverse), row0 = t * B;
            Steps.upstream(t, B, 0, B, H, lengths, dh, dy, dyOff, ldy, dht, 0);
            for (int b = 0; b < B; b++) {
                if (!LayerTrace.valid(lengths, t, b)) {
                    Arrays.fill(dhNew, b * H, b * H + H, 0f);
                    continue;
                }
                int g = (row0 + b) * G, hr = (row0 + b) * H;
                for (int j = 0; j < H; j++) {
                    float r = gates[g + j], z = gates[g + H + j], n = gates[g + 2 * H + j], d = dht[b * H + j];
                    float daN = d * (1f - z) * (1f - n * n);
                    float daZ = d * (hPrev[hr + j] - n) * gate.derivative(z);
                    float daR = daN * hn[hr + j] * gate.derivative(r);
                    dA[g + j] = daR;
                    dA[g + H + j] = daZ;
                    dA[g + 2 * H + j] = daN;
                    dHg[g + j] = daR;
                    dHg[g + H + j] = daZ;
                    dHg[g + 2 * H + j] = r * daN;
                    dhNew[b * H + j] = d * z;
                }
            }
            // dh_prev += dHg · W_hh (rows of padded steps are zero, so they add nothing)
            Gemm.sgemm(false, false, B, H, G, dHg, row0 * G, G, whh, whhOff, H, 1f, dhNew, 0, H);
            Steps.advance(t, 0, B, H, lengths, dhNew, 0, dh);
        }
        float[] gHh = w.weightHh.grad();
        // db_hh summed from dHg as the product packs it
        Gemm.sgemmWithColumnSums(false, G, H, TB, dHg, 0, G, hPrev, 0, H, 1f, gHh, whhOff, H,
                GateWeights.gradOf(w.biasHh), GateWeights.offsetOf(w.biasHh), null, 0);
        if (w.biasIh != null) Rows.addColumnSums(TB, G, dA, 0, w.biasIh.grad(), w.biasIh.offset());
        w.gradients.inputSide(s.x(), s.inputRows(), dA, TB, dx, accumulateDx);
    }
}
