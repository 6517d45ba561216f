package dev.rnn4j.kernel;

import java.util.Arrays;

/**
 * A split of {@code units} work units into contiguous shares, one per task, kept from call to call: every
 * {@value #WINDOW} calls, one unit moves from the share that took longest in them to the one that took least, when
 * the two differ by more than a tenth.
 *
 * <pre>{@code
 * ShareBalance balance = new ShareBalance(16, 2);
 * int[] starts = balance.starts();              // share t is units [starts[t], starts[t + 1])
 * long[] nanos = new long[2];
 * KernelPool.parallelFor(2, t -> { long t0 = System.nanoTime(); work(starts[t], starts[t + 1]);
 *                                  nanos[t] = System.nanoTime() - t0; });
 * balance.update(starts, nanos);
 * }</pre>
 *
 * Each thread keeps reading the same part of the data from call to call (its caches stay warm), unlike tasks claimed
 * as they come, yet a thread that runs slower for a while (a vCPU sharing its core with other work ran at 60% of the
 * other's pace for seconds in docs/results/2026-12-04T1451-*) gets a smaller share instead of holding up the call.
 * The split decides only which thread computes which rows, never how a row is computed.
 */
final class ShareBalance {
    /** Shares whose times differ by less than this factor are left alone (a unit moving back and forth costs). */
    private static final double TOLERANCE = 1.25;
    /**
     * Calls whose times are summed before a unit moves: one call's times are too noisy (deciding on each, a unit
     * moved in 700-5,100 of 7,500 calls of a sampling bench and bf16 sampling lost 4%).
     */
    static final int WINDOW = 16;

    private final int units;
    /** The current split, replaced whole (never changed in place): a call reads one consistent split. */
    private volatile int[] starts;
    /** Each share's time summed over the calls since the split last changed or was last judged. */
    private final long[] sums;
    private int calls;

    ShareBalance(int units, int tasks) {
        if (tasks < 1 || units < tasks) {
            throw new IllegalArgumentException("need at least one unit per task, got " + units + " units for "
                    + tasks + " tasks");
        }
        this.units = units;
        int[] s = new int[tasks + 1];
        for (int t = 0; t <= tasks; t++) s[t] = (int) ((long) units * t / tasks);
        this.starts = s;
        this.sums = new long[tasks];
    }

    int tasks() {
        return starts.length - 1;
    }

    int units() {
        return units;
    }

    /** The split to use for one call: share t is units {@code [starts[t], starts[t + 1])}; do not modify it. */
    int[] starts() {
        return starts;
    }

    /**
     * Adds one call's times ({@code nanos[t]}: share t's) for the split it ran with ({@code used}); every
     * {@link #WINDOW} calls, moves one unit from the slowest share to the fastest when the slowest took more than
     * {@link #TOLERANCE} times as long.
     */
    synchronized void update(int[] used, long[] nanos) {
        if (used != starts) return;   // timed on a split another call has replaced meanwhile
        for (int t = 0; t < sums.length; t++) sums[t] += nanos[t];
        if (++calls < WINDOW) return;
        int slow = 0, fast = 0;
        for (int t = 1; t < sums.length; t++) {
            if (sums[t] > sums[slow]) slow = t;
            if (sums[t] < sums[fast]) fast = t;
        }
        boolean move = sums[slow] > TOLERANCE * sums[fast] && used[slow + 1] - used[slow] > 1;
        Arrays.fill(sums, 0);
        calls = 0;
        if (!move) return;
        int[] next = used.clone();
        // the boundaries between the two shares shift by one unit each, so every share stays contiguous
        if (slow < fast) {
            for (int b = slow + 1; b <= fast; b++) next[b]--;
        } else {
            for (int b = fast + 1; b <= slow; b++) next[b]++;
        }
        starts = next;
    }
}
