package dev.rnn4j.tool;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of human durations every command takes ({@code --time-limit} of {@code train} and of the
 * examples): {@code 90s}, {@code 20m}, {@code 1h30m}, or {@code 0} for none.
 *
 * <pre>{@code
 * Duration d = Durations.parse("--time-limit", "1h30m");   // PT1H30M
 * }</pre>
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

    private Durations() {}

    /** {@link #parse(String, String)} for {@code --time-limit}. */
    public static Duration parse(String text) { return parse("--time-limit", text); }

    /**
     * Hours, minutes and seconds in any combination ({@code 1h30m}, {@code 90s}); {@code 0} is zero.
     *
     * @throws UserError naming {@code option} and the accepted forms
     */
    public static Duration parse(String option, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("0")) return Duration.ZERO;
        Matcher m = PART.matcher(s);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long v = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(v);
                case "m" -> Duration.ofMinutes(v);
                default -> Duration.ofSeconds(v);
            });
            end = m.end();
        }
        if (end != s.length() || s.isEmpty()) {
            throw new UserError(option + " must be a duration such as 90s, 20m, 1h30m or 0, got '" + text + "'");
        }
        return d;
    }

    /** Whole seconds in the form {@link #parse} reads: {@code 1h30m}, {@code 20m}, {@code 90s} as {@code 1m30s}. */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        if (s == 0) return "0s";
        StringBuilder out = new StringBuilder();
        if (s >= 3600) out.append(s / 3600).append('h');
        if (s % 3600 >= 60) out.append(s % 3600 / 60).append('m');
        if (s % 60 > 0) out.append(s % 60).append('s');
        return out.toString();
    }
}
