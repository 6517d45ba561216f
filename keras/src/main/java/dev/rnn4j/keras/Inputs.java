package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

/**
 * Tensors in the forms {@code fit}, {@code evaluate} and {@code predict} take: token ids (N, T) and class
 * ids (N) as exact integers in float tensors, binary labels (N, 1).
 *
 * <pre>{@code
 * Tensor x = Inputs.padPost(reviews, 100);      // (N, 100), right-padded with 0, longer ones cut at 100
 * Tensor y = Inputs.binaryLabels(labels);       // (N, 1)
 * }</pre>
 */
public final class Inputs {
    /** Float32 represents every integer up to 2^24 exactly. */
    private static final int MAX_EXACT = 1 << 24;

    private Inputs() {}

    /** Rows of equal length as a (N, T) tensor. */
    public static Tensor tokens(int[][] rows) {
        int T = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != T) {
                throw new IllegalArgumentException("tokens expects rows of equal length " + T + ", row " + i + " has "
                        + rows[i].length + " (use padPost for sequences of different lengths)");
            }
        }
        return padPost(rows, T);
    }

    /**
     * Keras's {@code pad_sequences(rows, maxlen, padding='post', truncating='post')}: each row is cut to its
     * first {@code maxLen} ids and padded with 0 at the end.
     */
    public static Tensor padPost(int[][] rows, int maxLen) {
        if (maxLen < 1) throw new IllegalArgumentException("maxLen must be >= 1, got " + maxLen);
        float[] v = new float[rows.length * maxLen];
        for (int i = 0; i < rows.length; i++) {
            for (int t = 0; t < Math.min(maxLen, rows[i].length); t++) v[i * maxLen + t] = exact(rows[i][t]);
        }
        return new Tensor(v, rows.length, maxLen);
    }

    /** 0/1 labels as (N, 1), the shape of a Dense(1) output. */
    public static Tensor binaryLabels(int... labels) {
        float[] v = new float[labels.length];
        for (int i = 0; i < labels.length; i++) v[i] = labels[i];
        return new Tensor(v, labels.length, 1);
    }

    /** Class ids as (N), for sparse_categorical_crossentropy over a (N, C) output. */
    public static Tensor classIds(int... ids) {
        float[] v = new float[ids.length];
        for (int i = 0; i < ids.length; i++) v[i] = exact(ids[i]);
        return new Tensor(v, ids.length);
    }

    private static float exact(int id) {
        if (id < 0 || id >= MAX_EXACT) throw new IllegalArgumentException("ids must be in [0, 2^24), got " + id);
        return id;
    }
}
