package dev.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The one order in which partitions' results are added: a fixed binary tree over the partition index, built
 * bottom-up. Level 0 holds the results of partitions 0..P−1; each level adds neighbours (0+1, 2+3, ...), an odd
 * last one moving up unchanged, until one is left. For P = 5: ((r0 + r1) + (r2 + r3)) + r4.
 *
 * <p>The shape depends on P only, so the sum is the same to the bit whichever tasks finish first and however many
 * executors run them. Any aligned block of 2^d partitions ({@code [j·2^d, (j+1)·2^d)}, the last one possibly
 * shorter) is a subtree: adding blocks on executors by this rule and the blocks' sums on the driver by the same rule
 * gives exactly the sum of the whole tree. A missing result (an empty partition) is left out, not added as zero.
 *
 * <pre>{@code
 * float[] sum = TreeSum.of(parts, TreeSum::add);   // parts in partition order, nulls for empty partitions
 * }</pre>
 */
final class TreeSum {
    private TreeSum() {}

    /** The tree sum of {@code parts} (in partition order; null = nothing to add), or null if all are null. */
    static <T> T of(List<T> parts, BinaryOperator<T> add) {
        List<T> level = new ArrayList<>(parts);
        while (level.size() > 1) {
            List<T> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                T a = level.get(i), b = i + 1 < level.size() ? level.get(i + 1) : null;
                up.add(a == null ? b : b == null ? a : add.apply(a, b));
            }
            level = up;
        }
        return level.isEmpty() ? null : level.getFirst();
    }

    /** Element-wise {@code a + b} into a new array. */
    static float[] add(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalStateException("gradients of " + a.length + " and " + b.length);
        float[] s = new float[a.length];
        for (int i = 0; i < s.length; i++) s[i] = a[i] + b[i];
        return s;
    }

    /** The tree sum of numbers (a missing one is left out). */
    static double ofDoubles(List<Double> parts) {
        Double s = of(parts, Double::sum);
        return s == null ? 0 : s;
    }
}
