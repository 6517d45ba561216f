package dev.rnn4j.cli;

import dev.rnn4j.tool.UserError;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human durations as the command line takes them: {@code 90s}, {@code 20m}, {@code 1h30m}, {@code 0}. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

    private Durations() {}

    static Duration parse(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
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
            throw new UserError("--time-limit must be a duration such as 90s, 20m, 1h30m or 0, got '" + text + "'");
        }
        return d;
    }
}
