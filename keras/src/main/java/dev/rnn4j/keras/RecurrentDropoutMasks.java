package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;

import java.util.Arrays;

/**
 * One call's dropout masks of a Keras recurrent layer ({@link DropoutRecurrence}): [direction][gate block in PyTorch's
 * order] → (B, F) input or (B, H) recurrent multipliers, 0 with probability {@code rate} and 1/(1 − rate) otherwise;
 * null where that kind of dropout is off. Gate blocks share one array when one mask serves them all.
 *
 * <pre>{@code
 * RecurrentDropoutMasks m = RecurrentDropoutMasks.draw(rng, RecurrentKind.LSTM, true, 1, 0.2, 0.2, B * F, B * H);
 * m.input()[0][1];      // the forget gate's input mask of the forward direction
 * }</pre>
 */
record RecurrentDropoutMasks(float[][][] input, float[][][] recurrent) {
    /** The PyTorch block [r, z, n] that each of Keras's GRU gates [z, r, h] (its mask order) is. */
    private static final int[] GRU_BLOCK_OF_KERAS_GATE = {1, 0, 2};

    /**
     * Draws a call's masks from {@code rng} as Keras does: per direction, the input masks (each {@code inputSize}
     * long), then the recurrent ones; one per gate when {@code perGate} (Keras's implementation 1), else one for all.
     */
    static RecurrentDropoutMasks draw(Rng rng, RecurrentKind kind, boolean perGate, int directions, double inputRate,
                                      double recurrentRate, int inputSize, int recurrentSize) {
        int count = perGate ? kind.gates() : 1;
        float[][][] input = new float[directions][][], recurrent = new float[directions][][];
        for (int d = 0; d < directions; d++) {
            input[d] = draw(rng, inputRate, count, inputSize);
            recurrent[d] = draw(rng, recurrentRate, count, recurrentSize);
        }
        return place(kind, input, recurrent);
    }

    /** {@code count} masks of n entries in Keras's gate order, or none when the rate is 0. */
    private static float[][] draw(Rng rng, double rate, int count, int n) {
        if (rate == 0) return new float[0][];
        float[][] masks = new float[count][n];
        float kept = (float) (1 / (1 - rate));
        for (float[] m : masks) {
            for (int i = 0; i < n; i++) m[i] = rng.nextDouble() < rate ? 0f : kept;
        }
        return masks;
    }

    /**
     * Masks as Keras holds them, [direction][its gate order] (one entry for all gates, or none), placed on the
     * PyTorch gate blocks: a GRU's [z, r, h] are blocks [1, 0, 2].
     */
    static RecurrentDropoutMasks place(RecurrentKind kind, float[][][] input, float[][][] recurrent) {
        int gates = kind.gates();
        float[][][] in = new float[input.length][gates][], rec = new float[recurrent.length][gates][];
        for (int d = 0; d < input.length; d++) {
            place(kind, input[d], in[d]);
            place(kind, recurrent[d], rec[d]);
        }
        return new RecurrentDropoutMasks(in, rec);
    }

    private static void place(RecurrentKind kind, float[][] keras, float[][] blocks) {
        if (keras.length == 1) {
            Arrays.fill(blocks, keras[0]);
        } else if (keras.length == blocks.length) {
            for (int j = 0; j < blocks.length; j++) {
                blocks[kind == RecurrentKind.GRU ? GRU_BLOCK_OF_KERAS_GATE[j] : j] = keras[j];
            }
        } else if (keras.length != 0) {
            throw new IllegalArgumentException("expected 0, 1 or " + blocks.length + " masks, got " + keras.length);
        }
    }

    /**
     * Whether these are one input mask for all gates of one direction and no recurrent ones (Keras's {@code dropout}
     * alone with implementation 2, the common case): then the core network can run on the masked input.
     */
    boolean oneInputMask() {
        if (input.length != 1) return false;
        for (int k = 0; k < input[0].length; k++) {
            if (recurrent[0][k] != null || input[0][k] != input[0][0]) return false;
        }
        return true;
    }

    /** v (B rows of T·F: batch first) times mask (B, F) at every step, in a new array; v itself without a mask. */
    static float[] timesMaskPerStep(float[] v, int B, int T, int F, float[] mask) {
        if (mask == null) return v;
        float[] out = new float[v.length];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int row = (b * T + t) * F;
                for (int f = 0; f < F; f++) out[row + f] = v[row + f] * mask[b * F + f];
            }
        }
        return out;
    }

    /** {@code out = v ⊙ mask} and out, or v itself without a mask (out untouched). */
    static float[] maskedInto(float[] v, float[] mask, float[] out) {
        if (mask == null) return v;
        for (int i = 0; i < v.length; i++) out[i] = v[i] * mask[i];
        return out;
    }

    /** {@code sum += part ⊙ mask} (or part). */
    static void addMasked(float[] sum, float[] part, float[] mask) {
        for (int i = 0; i < sum.length; i++) sum[i] += mask == null ? part[i] : part[i] * mask[i];
    }
}
