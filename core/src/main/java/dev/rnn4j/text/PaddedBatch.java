package dev.rnn4j.text;

import java.util.List;

/**
 * Sequences of different lengths as one {@code (B, T)} row-major array of ids, each row padded after its
 * sequence's end, and the lengths the recurrent layers need to stop at each row's end (see
 * {@code RecurrentNetwork.forward(x, lengths, h0, c0)}).
 *
 * <pre>{@code
 * PaddedBatch b = PaddedBatch.of(List.of(new int[] {5, 6, 7}, new int[] {8}), 0);
 * b.steps();     // 3
 * b.ids();       // [5, 6, 7, 8, 0, 0]
 * b.lengths();   // [3, 1]
 * }</pre>
 *
 * @param batchSize B, the number of sequences
 * @param steps     T, the longest sequence's length (at least the {@code minSteps} asked for)
 * @param ids       (B, T) ids, {@code padId} after each sequence's end
 * @param lengths   (B) each sequence's length
 */
public record PaddedBatch(int batchSize, int steps, int[] ids, int[] lengths) {
    /** Pads to the longest sequence, at least one step. */
    public static PaddedBatch of(List<int[]> sequences, int padId) { return of(sequences, padId, 1); }

    /**
     * Pads to the longest sequence or {@code minSteps}, whichever is longer. A fixed {@code minSteps} makes
     * batches of one shape, e.g. when a model was exported for a fixed length.
     */
    public static PaddedBatch of(List<int[]> sequences, int padId, int minSteps) {
        if (minSteps < 0) throw new IllegalArgumentException("minSteps must be >= 0, got " + minSteps);
        int B = sequences.size(), T = minSteps;
        int[] lengths = new int[B];
        for (int b = 0; b < B; b++) {
            lengths[b] = sequences.get(b).length;
            T = Math.max(T, lengths[b]);
        }
        int[] ids = new int[B * T];
        if (padId != 0) java.util.Arrays.fill(ids, padId);
        for (int b = 0; b < B; b++) System.arraycopy(sequences.get(b), 0, ids, b * T, lengths[b]);
        return new PaddedBatch(B, T, ids, lengths);
    }

    /** The id at row {@code b}, step {@code t}. */
    public int id(int b, int t) { return ids[b * steps + t]; }
}
