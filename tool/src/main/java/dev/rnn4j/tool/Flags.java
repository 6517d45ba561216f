package dev.rnn4j.tool;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * Range checks for command-line flags, with one wording across every command: the flag, the range and the
 * value given.
 *
 * <pre>{@code
 * Flags.atLeast("--hidden", hidden, 1);                      // "--hidden must be an integer >= 1, got 0"
 * Flags.inRange("--dropout", dropout, 0, true, 1, false);   // "--dropout must be in [0, 1), got 1"
 * }</pre>
 */
public final class Flags {
    private Flags() {}

    public static void atLeast(String flag, long value, long min) {
        if (value < min) throw new UserError(flag + " must be an integer >= " + min + ", got " + value);
    }

    /** {@code value} within the interval, each end open or closed as given; NaN is always out. */
    public static void inRange(String flag, double value, double lo, boolean loClosed, double hi, boolean hiClosed) {
        boolean aboveLo = loClosed ? value >= lo : value > lo;
        boolean belowHi = hiClosed ? value <= hi : value < hi;
        if (!(aboveLo && belowHi)) {
            String range = Double.isInfinite(hi) ? (loClosed ? ">= " : "> ") + number(lo)
                    : "in " + (loClosed ? "[" : "(") + number(lo) + ", " + number(hi) + (hiClosed ? "]" : ")");
            throw new UserError(flag + " must be " + range + ", got " + number(value));
        }
    }

    /** Positive and finite, e.g. a learning rate. */
    public static void positive(String flag, double value) {
        inRange(flag, value, 0, false, Double.POSITIVE_INFINITY, false);
    }

    public static void oneOf(String flag, String value, List<String> allowed) {
        if (!allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw new UserError("unknown " + flag + " '" + value + "': use " + String.join(", ", allowed));
        }
    }

    /** {@code 0.3}, {@code 5}, {@code 1e-5}, {@code 1e6}: numbers as people type them, to 6 significant digits. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        BigDecimal r = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || (a < 1e6 && a >= 1e-4)) return BigDecimal.valueOf(r.doubleValue()).stripTrailingZeros()
                .toPlainString();
        int exponent = r.precision() - r.scale() - 1;
        return r.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }
}
