package dev.rnn4j.text;

import dev.rnn4j.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups example indices into batches of similar length, so little of each batch is padding once the
 * batch is made a {@link PaddedBatch}.
 *
 * <pre>{@code
 * for (int[] batch : LengthBatches.bucketed(lengths, 32, rng)) { ... }   // training: new order each call
 * for (int[] batch : LengthBatches.sorted(lengths, 64)) { ... }         // evaluation: fixed order
 * }</pre>
 * {@link #bucketed} sorts inside windows of a few batches, so batches still mix across the data set;
 * {@link #globallySorted} sorts everything, for the least padding.
 */
public final class LengthBatches {
    /** Batches are formed inside windows of this many batches' worth of shuffled examples. */
    private static final int WINDOW = 16;

    private LengthBatches() {}

    /** Shuffles, sorts each window of 16 batches by length, cuts it into batches, then shuffles the batches. */
    public static List<int[]> bucketed(int[] lengths, int batchSize, Rng rng) {
        requireBatchSize(batchSize);
        return bucketed(lengths, batchSize, rng, WINDOW * batchSize);
    }

    /**
     * Shuffles, sorts all examples by length (stable, so ties keep the shuffled order), cuts them into batches,
     * then shuffles the batches. Without {@code rng} (null): sorted by length, in order, like {@link #sorted}.
     */
    public static List<int[]> globallySorted(int[] lengths, int batchSize, Rng rng) {
        requireBatchSize(batchSize);
        if (rng == null) return sorted(lengths, batchSize);
        return bucketed(lengths, batchSize, rng, Math.max(1, lengths.length));
    }

    private static List<int[]> bucketed(int[] lengths, int batchSize, Rng rng, int windowSize) {
        int[] order = rng.permutation(lengths.length);
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += windowSize) {
            Integer[] window = boxed(order, start, Math.min(order.length, start + windowSize));
            Arrays.sort(window, Comparator.comparingInt(i -> lengths[i]));
            cut(window, batchSize, batches);
        }
        int[] batchOrder = rng.permutation(batches.size());
        List<int[]> shuffled = new ArrayList<>(batches.size());
        for (int i : batchOrder) shuffled.add(batches.get(i));
        return shuffled;
    }

    /** All examples sorted by length (stable), in consecutive batches. */
    public static List<int[]> sorted(int[] lengths, int batchSize) {
        requireBatchSize(batchSize);
        int[] all = new int[lengths.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        Integer[] boxed = boxed(all, 0, all.length);
        Arrays.sort(boxed, Comparator.comparingInt(i -> lengths[i]));
        List<int[]> batches = new ArrayList<>();
        cut(boxed, batchSize, batches);
        return batches;
    }

    private static Integer[] boxed(int[] a, int from, int to) {
        Integer[] out = new Integer[to - from];
        for (int i = from; i < to; i++) out[i - from] = a[i];
        return out;
    }

    private static void cut(Integer[] sorted, int batchSize, List<int[]> out) {
        for (int s = 0; s < sorted.length; s += batchSize) {
            int e = Math.min(sorted.length, s + batchSize);
            int[] b = new int[e - s];
            for (int i = s; i < e; i++) b[i - s] = sorted[i];
            out.add(b);
        }
    }

    private static void requireBatchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
}
