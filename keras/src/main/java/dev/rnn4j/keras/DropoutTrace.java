package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.tensor.Tensor;

/**
 * What a {@link DropoutRecurrence} forward saved for its backward, per direction and processed step, and its results
 * in PyTorch's batch-first shapes. Row b's s-th processed step is time s going forward and {@code len_b − 1 − s} going
 * backward; rows past their length are inactive at that step.
 */
final class DropoutTrace implements RecurrentPass {
    private final DropoutRecurrence loop;
    final float[] x;                                 // (B, T, F), batch first
    final int B, T, F, H, D;
    final int[] lengths;                             // null: every row has T steps
    final RecurrentDropoutMasks masks;
    /**
     * [direction][step], allocated before the time loop: the state before the step, an LSTM's cell before it (else
     * null), the gates' values, and per kind what backward needs more ({@link DropoutRecurrence}: an LSTM's new cell,
     * a GRU's n-block operand).
     */
    final float[][][] hPrev, cPrev, act, extra;
    final float[] y, hN, cN;
    private boolean backwardRan;

    DropoutTrace(DropoutRecurrence loop, float[] x, int B, int T, int F, int H, int D, int gates, int[] lengths,
                 RecurrentDropoutMasks masks, boolean lstm) {
        this.loop = loop;
        this.x = x;
        this.B = B;
        this.T = T;
        this.F = F;
        this.H = H;
        this.D = D;
        this.lengths = lengths;
        this.masks = masks;
        this.hPrev = new float[D][T][B * H];
        this.cPrev = lstm ? new float[D][T][B * H] : null;
        this.act = new float[D][T][B * gates * H];
        this.extra = new float[D][T][B * H];
        this.y = new float[B * T * D * H];
        this.hN = new float[D * B * H];
        this.cN = lstm ? new float[D * B * H] : null;
    }

    boolean active(int b, int s) { return lengths == null || s < lengths[b]; }

    /** The time index of row b's s-th processed step in direction d. */
    int time(int b, int s, int d) {
        int len = lengths == null ? T : lengths[b];
        return d == 1 ? len - 1 - s : s;
    }

    /**
     * x (B·T rows of F) times each gate block's input mask of direction d, the sequence's mask at every step; blocks
     * that share a mask share the array, and without masks every entry is x.
     */
    float[][] maskedInputs(int d) {
        float[][] m = masks.input()[d], out = new float[m.length][];
        for (int k = 0; k < m.length; k++) {
            out[k] = k > 0 && m[k] == m[k - 1] ? out[k - 1] : RecurrentDropoutMasks.timesMaskPerStep(x, B, T, F, m[k]);
        }
        return out;
    }

    /** Each gate block's input mask of direction d repeated for every step, (B·T, F); null where none. */
    float[][] perStepMasks(int d) {
        float[][] m = masks.input()[d], out = new float[m.length][];
        for (int k = 0; k < m.length; k++) {
            if (m[k] == null) continue;
            if (k > 0 && m[k] == m[k - 1]) {
                out[k] = out[k - 1];
                continue;
            }
            out[k] = new float[B * T * F];
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) System.arraycopy(m[k], b * F, out[k], (b * T + t) * F, F);
            }
        }
        return out;
    }

    @Override
    public Tensor output() { return new Tensor(y, B, T, D * H); }

    @Override
    public Tensor hN() { return new Tensor(hN, D, B, H); }

    @Override
    public Tensor cN() { return cN == null ? null : new Tensor(cN, D, B, H); }

    @Override
    public RecurrentGradients backward(Tensor dOutput, Tensor dHn, Tensor dCn) {
        if (backwardRan) throw new IllegalStateException("backward already ran for this call");
        backwardRan = true;
        return loop.backward(this, dOutput, dHn, dCn);
    }
}
