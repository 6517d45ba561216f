package dev.rnn4j.examples.common;

import dev.rnn4j.tool.Durations;

/**
 * A wall-clock budget given as {@code 25m}, {@code 1h30m}, {@code 90s} or {@code 0} (none), read by the
 * commands' one duration parser ({@link Durations}), and the check whether it is spent.
 *
 * <pre>{@code
 * TimeLimit limit = TimeLimit.parse("--time-limit", "25m");
 * while (!limit.reached()) trainOneBatch();
 * }</pre>
 */
public final class TimeLimit {
    private final long nanos;
    private final long start = System.nanoTime();

    private TimeLimit(long nanos) { this.nanos = nanos; }

    /** The budget {@code text} gives, counted from now; a bad form is a {@code UserError} naming {@code option}. */
    public static TimeLimit parse(String option, String text) {
        return new TimeLimit(Durations.parse(option, text).toNanos());
    }

    /** True once the budget (if any) has been spent since this limit was made. */
    public boolean reached() { return nanos > 0 && System.nanoTime() - start >= nanos; }

    public double seconds() { return nanos / 1e9; }
}
