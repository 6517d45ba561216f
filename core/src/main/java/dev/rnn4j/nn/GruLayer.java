package dev.rnn4j.nn;

import dev.rnn4j.kernel.GruGates;

import java.util.Arrays;
import java.util.List;

/**
 * One GRU layer, one direction. Gate rows are PyTorch's [r, z, n], and b_hn stays inside the reset gate:
 * {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, {@code h' = (1 − z) ⊙ n + z ⊙ h}.
 */
final class GruLayer implements RecurrentLayer {
    final GateWeights w;
    final int H;
    final boolean reverse;
    private final Scratch scratch = new Scratch(6);

    GruLayer(int inputSize, int hiddenSize, boolean bias, boolean reverse, String suffix) {
        this.H = hiddenSize;
        this.reverse = reverse;
        this.w = new GateWeights(3 * hiddenSize, inputSize, hiddenSize, bias, suffix);
    }

    @Override
    public List<Parameter> parameters() { return w.list(); }

    @Override
    public LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0,
                              float[] y, int yOff, int ldy, Workspace space) {
        int G = 3 * H, TB = T * B;
        boolean packed = GateWeights.packs(B);
        // a (the input projection) and hPrev are written whole; hn at real steps only, padded ones stay 0
        float[] a = space.uninitialized(TB * G), hPrev = space.uninitialized(TB * H);
        float[] hn = lengths == null ? space.uninitialized(TB * H) : space.zeros(TB * H);
        float[] h = new float[B * H];
        Steps.init(h, h0, B * H);
        float[] hg = scratch.zeros(0, B * G);
        float[] gathered = lengths == null ? null : scratch.uninitialized(4, B * G);   // real rows between padding
        // a = W_ih x + b_ih for all steps at once (b_hh stays with W_hh h, inside r ⊙ (...))
        w.projectInputs(x, inputRows, TB, a, false, lengths, B);
        if (packed) w.packRecurrent();
        Steps.splitSteps(packed, B, T, (long) T * G * H, (s, b0, b1) -> {
            int rows = b1 - b0;
            int t = Steps.time(s, T, reverse), row0 = t * B;
            System.arraycopy(h, b0 * H, hPrev, (row0 + b0) * H, rows * H);
            w.recurrentWithHiddenBiasStep(packed, t, b0, b1, lengths, h, hg, gathered);   // W_hh h_{t-1} + b_hh
            for (int b = b0; b < b1; b++) {
                int row = row0 + b;
                if (LayerTrace.valid(lengths, t, b)) GruGates.forward(H, a, row * G, hg, b * G, h,
                        b * H, hn, row * H);
                else Arrays.fill(a, row * G, row * G + G, 0f);
            }
            Steps.writeOutput(t, B, b0, b1, H, lengths, h, y, yOff, ldy);
        });
        return new LayerTrace(T, B, lengths, x, a, hPrev, null, null, hn, h, null, inputRows);
    }

    @Override
    public void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                         float[] dx, boolean accumulateDx, float[] dh0, float[] dc0) {
        int T = s.T(), B = s.B(), G = 3 * H, TB = T * B;
        boolean packed = GateWeights.packs(B);
        int[] lengths = s.lengths();
        // dL/da of the input and hidden sides, differing only in the n block. The input side's is written over the
        // activations it is made from (RecurrentLayer#backward), whose padded rows hold forward's zeros. The hidden
        // side's whole rows serve one step's product (dAhStep); only its n block is kept for the weight gradients
        // (dAhN, a third of the rows), padded rows 0. The gates write each real step's rows whole.
        float[] dAx = s.gates();
        float[] dAhN = lengths == null ? scratch.uninitialized(1, TB * H) : scratch.zeros(1, TB * H);
        float[] dAhStep = scratch.uninitialized(5, B * G);
        float[] dht = scratch.zeros(2, B * H), dhNew = scratch.zeros(3, B * H);
        float[] gathered = lengths == null ? null : scratch.uninitialized(4, B * G);   // real rows between padding
        float[] dh = dh0;                                              // carried dL/dh, ends as dh0
        Steps.init(dh, dhN, B * H);
        if (packed) w.packRecurrentBackward();
        Steps.splitSteps(packed, B, T, (long) T * G * H, (i, b0, b1) -> {
            int rows = b1 - b0, k = T - 1 - i;
            int t = Steps.time(k, T, reverse), row0 = t * B;
            Steps.upstream(t, B, b0, b1, H, lengths, dh, dy, dyOff, ldy, dht, 0);
            for (int b = b0; b < b1; b++) {
                int row = row0 + b;
                if (LayerTrace.valid(lengths, t, b)) {
                    GruGates.backward(H, s.gates(), row * G, s.aux(), row * H, s.hPrev(), row * H, dht, b * H,
                            dAx, row * G, dAhStep, b * G, dhNew, b * H);
                    System.arraycopy(dAhStep, b * G + 2 * H, dAhN, row * H, H);
                } else {
                    Arrays.fill(dhNew, b * H, b * H + H, 0f);
                }
            }
            // dh_{t-1} = dh ⊙ z + da_h W_hh
            // (rows b0.. of this step's dAhStep: row0 0; only its real rows are read)
            w.recurrentBackwardStep(packed, t, b0, b1, lengths, dAhStep, 0, dhNew, 1f, gathered);
            Steps.advance(t, b0, b1, H, lengths, dhNew, 0, dh);
        });
        w.gradients.afterSweep(s.x(), s.inputRows(), s.hPrev(), dAx, dAhN, TB, dx, accumulateDx, lengths, B);
    }
}
