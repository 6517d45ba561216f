package dev.rnn4j.tool;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of long work: a live bar with the step, loss, speed and ETA on a terminal, and plain
 * timestamped lines (every few seconds) when output goes to a file or a pipe.
 */
public final class Progress implements AutoCloseable {
    private static final int SCALE = 1000;   // the bar counts permille of the run
    private final ProgressBar bar;
    private final PrintStream plain;
    private final long started = System.nanoTime();
    private long lastLine;

    /** {@code quietStart}: the first plain line waits an interval, as if one had just been printed. */
    private Progress(ProgressBar bar, PrintStream plain, boolean quietStart) {
        this.bar = bar;
        this.plain = plain;
        if (quietStart) lastLine = started;
    }

    /** A bar on stderr when it is a terminal (the launcher says so), else plain lines on stderr. */
    public static Progress start(String task) {
        return start(task, false);
    }

    /**
     * As {@link #start(String)}, but plain lines begin only after the first interval: work that ends within a few
     * seconds prints nothing when stderr is a file or a pipe (a script reading it sees only what went wrong).
     */
    public static Progress startQuiet(String task) {
        return start(task, true);
    }

    private static Progress start(String task, boolean quietStart) {
        if (System.getenv("RNN4J_TTY") == null) return new Progress(null, System.err, quietStart);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(SCALE)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                .setMaxRenderedLength(120).continuousUpdate().build();
        return new Progress(bar, null, false);
    }

    /** {@code fraction} of the run done (NaN if unknown) and a short status such as the loss and speed. */
    public void update(double fraction, String status) {
        if (bar != null) {
            if (!Double.isNaN(fraction)) bar.stepTo(Math.round(fraction * SCALE));
            bar.setExtraMessage(status);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine < 5_000_000_000L) return;
        lastLine = now;
        String pct = Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%5.1f%% ", 100 * fraction);
        plain.println(String.format(Locale.ROOT, "[%s] %s%s", clock(now - started), pct, status));
    }

    /** A line that should stay visible (validation results), printed above the bar. */
    public void println(String line) {
        if (bar != null) {
            System.err.print("\r\033[K");
            System.err.println(line);
        } else {
            plain.println(line);
        }
    }

    static String clock(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
