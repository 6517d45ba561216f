package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Sequences that are all padding (length 0). PyTorch's layers need at least one step per sequence, while
 * Keras returns the initial state for a fully masked sequence. Such rows run one step (length 1) and
 * then get their initial state back; in backward their upstream gradient is taken out before the run
 * (so that step contributes nothing) and handed to the initial state unchanged, since output = state₀.
 */
final class EmptyRows {
    private static final EmptyRows NONE = new EmptyRows(null, null);
    private final int[] runLengths;
    private final boolean[] empty;   // null when no row is empty

    private EmptyRows(int[] runLengths, boolean[] empty) {
        this.runLengths = runLengths;
        this.empty = empty;
    }

    static EmptyRows of(int[] lengths, int B, int T) {
        if (lengths == null) return NONE;
        if (lengths.length != B) {
            throw new IllegalArgumentException("lengths has " + lengths.length + " entries but batch is " + B);
        }
        boolean[] empty = null;
        int[] run = lengths;
        for (int b = 0; b < B; b++) {
            if (lengths[b] < 0 || lengths[b] > T) {
                throw new IllegalArgumentException("lengths[" + b + "] must be in [0, " + T + "], got " + lengths[b]);
            }
            if (lengths[b] == 0) {
                if (empty == null) {
                    empty = new boolean[B];
                    run = lengths.clone();
                }
                empty[b] = true;
                run[b] = 1;
            }
        }
        return new EmptyRows(run, empty);
    }

    /** The lengths to run with: 0 replaced by 1. */
    int[] runLengths() { return runLengths; }

    /** {@code state} (D, B, H) with empty rows set to {@code initial} (or zeros); a copy only when needed. */
    Tensor restoreInitialState(Tensor state, Tensor initial, int B, int H) {
        if (empty == null) return state;
        float[] s = state.data().clone();
        int D = state.size(0);
        for (int d = 0; d < D; d++) {
            for (int b = 0; b < B; b++) {
                if (!empty[b]) continue;
                int off = (d * B + b) * H;
                if (initial == null) Arrays.fill(s, off, off + H, 0f);
                else System.arraycopy(initial.data(), off, s, off, H);
            }
        }
        return new Tensor(s, state.shape());
    }

    /** A (B, T, W) sequence with the rows of empty sequences zeroed (a copy only when needed, or null for null). */
    Tensor zeroSequenceRows(Tensor seq) {
        if (empty == null || seq == null) return seq;
        float[] v = seq.data().clone();
        int row = seq.size(1) * seq.size(2);
        for (int b = 0; b < empty.length; b++) if (empty[b]) Arrays.fill(v, b * row, (b + 1) * row, 0f);
        return new Tensor(v, seq.shape());
    }

    /** Zeroes the empty rows of {@code dState} (D, B, H) in place and returns what they held, or null. */
    float[] takeRows(float[] dState, int D, int B, int H) {
        if (empty == null || dState == null) return null;
        float[] taken = new float[dState.length];
        for (int d = 0; d < D; d++) {
            for (int b = 0; b < B; b++) {
                if (!empty[b]) continue;
                int off = (d * B + b) * H;
                System.arraycopy(dState, off, taken, off, H);
                Arrays.fill(dState, off, off + H, 0f);
            }
        }
        return taken;
    }
}
