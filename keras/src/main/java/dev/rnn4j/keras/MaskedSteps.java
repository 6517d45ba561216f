package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

/**
 * What Keras outputs at masked (padded) steps of one recurrent direction, from the network's outputs, which are
 * PyTorch's: the valid steps of each row first, zeros after. Keras's RNN loop (Keras 3.6, {@code backend.rnn})
 * keeps the states through a masked step and writes as its output the previous step's output, or zeros with
 * {@code zero_output_for_mask=True}; before the first valid step the previous output is zeros. So for right
 * padding (lengths):
 * <ul>
 *   <li>forward, {@code return_sequences}: steps from the length on repeat the last valid output, or stay 0;</li>
 *   <li>forward, last output only: the last valid output, or 0 with {@code zero_output_for_mask} when the row
 *       is padded (its last step is masked);</li>
 *   <li>{@code go_backwards}: the padding comes first in processing order, so the outputs (in processing order,
 *       as Keras returns them) are T − length zeros followed by the valid outputs.</li>
 * </ul>
 * Bidirectional sets {@code zero_output_for_mask} to {@code return_sequences} for both directions and flips the
 * backward outputs over all steps, which gives the network's layout directly: it needs none of this.
 */
final class MaskedSteps {
    private MaskedSteps() {}

    /** Keras's (B, T, H) outputs from the network's, for one direction; {@code lengths} not null. */
    static Tensor sequence(Tensor y, int[] lengths, boolean goBackwards, boolean zeroOutput) {
        if (goBackwards) return shift(y, lengths, true);
        return zeroOutput ? y : carry(y, lengths);
    }

    /** The gradient with respect to the network's outputs from the one with respect to {@link #sequence}'s. */
    static Tensor sequenceGradient(Tensor dy, int[] lengths, boolean goBackwards, boolean zeroOutput) {
        if (goBackwards) return shift(dy, lengths, false);
        return zeroOutput ? dy : carryGradient(dy, lengths);
    }

    /** Whether the last output of row b is 0 rather than the last valid one (forward, zero_output, padded). */
    static boolean zeroLastOutput(int[] lengths, int b, int T, boolean goBackwards, boolean zeroOutput) {
        return zeroOutput && !goBackwards && lengths[b] < T;
    }

    /** Steps from each row's length on take the output at length − 1 (rows of length 0 stay 0). */
    private static Tensor carry(Tensor y, int[] lengths) {
        int B = y.size(0), T = y.size(1), H = y.size(2);
        float[] v = y.data().clone();
        for (int b = 0; b < B; b++) {
            int len = lengths[b];
            if (len == 0) continue;
            for (int t = len; t < T; t++) System.arraycopy(v, (b * T + len - 1) * H, v, (b * T + t) * H, H);
        }
        return new Tensor(v, y.shape());
    }

    /** The gradients of the repeated steps add up at length − 1; the padded steps get none. */
    private static Tensor carryGradient(Tensor dy, int[] lengths) {
        int B = dy.size(0), T = dy.size(1), H = dy.size(2);
        float[] d = dy.data().clone();
        for (int b = 0; b < B; b++) {
            int len = lengths[b];
            for (int t = len; t < T; t++) {
                int from = (b * T + t) * H, to = (b * T + len - 1) * H;
                for (int j = 0; j < H; j++) {
                    if (len > 0) d[to + j] += d[from + j];
                    d[from + j] = 0f;
                }
            }
        }
        return new Tensor(d, dy.shape());
    }

    /** Each row's first length steps moved to its end ({@code right}), or back to its start. */
    private static Tensor shift(Tensor y, int[] lengths, boolean right) {
        int B = y.size(0), T = y.size(1), H = y.size(2);
        float[] v = y.data(), s = new float[v.length];
        for (int b = 0; b < B; b++) {
            int len = lengths[b], pad = T - len;
            int from = (b * T + (right ? 0 : pad)) * H, to = (b * T + (right ? pad : 0)) * H;
            System.arraycopy(v, from, s, to, len * H);
        }
        return new Tensor(s, y.shape());
    }
}
