package dev.rnn4j.examples.common;

import dev.rnn4j.tool.UserError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wall-clock budget given as {@code 25m}, {@code 1h30m}, {@code 90s} or {@code 0} (none), and the
 * check whether it is spent.
 *
 * <pre>{@code
 * TimeLimit limit = TimeLimit.parse("--time-limit", "25m");
 * while (!limit.reached()) trainOneBatch();
 * }</pre>
 */
public final class TimeLimit {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private final long nanos;
    private final long start = System.nanoTime();

    private TimeLimit(long nanos) { this.nanos = nanos; }

    public static TimeLimit parse(String option, String text) {
        Matcher m = FORM.matcher(text.strip());
        if (text.strip().equals("0")) return new TimeLimit(0);
        if (text.isBlank() || !m.matches()) throw new UserError(option + " expects a duration such as 25m, 1h30m or 90s (0 = none), got '" + text + "'");
        long seconds = 3600L * group(m, 1) + 60L * group(m, 2) + group(m, 3);
        return new TimeLimit(seconds * 1_000_000_000L);
    }

    private static long group(Matcher m, int i) { return m.group(i) == null ? 0 : Long.parseLong(m.group(i)); }

    /** True once the budget (if any) has been spent since this limit was made. */
    public boolean reached() { return nanos > 0 && System.nanoTime() - start >= nanos; }

    public double seconds() { return nanos / 1e9; }
}
