package dev.rnn4j.keras;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras's console output for {@code fit}. {@link #lines} (Keras's {@code verbose=2}) prints one line per epoch:
 * {@code Epoch 3/10 - 157 steps - 2.1s - loss: 0.4312 - accuracy: 0.8020 - val_loss: 0.4621 - val_accuracy: 0.7900}.
 * {@link #bar} (Keras's {@code verbose=1}, for a terminal) also redraws a bar in place after each batch,
 * {@code  37/157 [======>.......................] - ETA: 3s - loss: 0.5213}, and leaves the epoch line.
 *
 * <pre>{@code
 * model.fit(x, y, FitConfig.defaults().withEpochs(10).withListener(ConsoleProgress.bar(System.out)));
 * }</pre>
 */
public final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;   // a terminal needs no more than ~10 frames a second
    private final PrintStream out;
    private final boolean live;
    private long epochStart, lastDraw;

    private ConsoleProgress(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** One line per epoch, for logs and files. */
    public static ConsoleProgress lines(PrintStream out) { return new ConsoleProgress(out, false); }

    /** A bar redrawn in place ({@code \r}) after each batch, then the epoch's line: for a terminal. */
    public static ConsoleProgress bar(PrintStream out) { return new ConsoleProgress(out, true); }

    @Override
    public void onEpochBegin(int epoch, int epochs, int steps) {
        epochStart = System.nanoTime();
        lastDraw = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int steps, double meanLoss) {
        if (!live) return;
        long now = System.nanoTime();
        if (step < steps && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        out.print("\r" + barLine(step, steps, (now - epochStart) / 1e9, meanLoss));
        out.flush();
    }

    @Override
    public void onEpochEnd(EpochLog log) {
        if (live) out.print("\r\033[K");
        out.println(format(log));
    }

    @Override
    public void onEarlyStop(int epoch, int bestEpoch) {
        out.println("Epoch " + epoch + ": early stopping (best epoch " + bestEpoch + ")");
    }

    /** The bar after {@code step} of {@code steps} batches, {@code seconds} into the epoch. */
    static String barLine(int step, int steps, double seconds, double meanLoss) {
        int done = steps == 0 ? WIDTH : (int) ((long) WIDTH * step / steps);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < done - 1 || (i == done - 1 && step == steps) ? '=' : i == done - 1 ? '>' : '.');
        }
        String width = Integer.toString(Integer.toString(steps).length());
        double eta = step == 0 ? 0 : seconds / step * (steps - step);
        return String.format(Locale.ROOT, "%" + width + "d/%d [%s] - ETA: %.0fs - loss: %.4f", step, steps, bar,
                eta, meanLoss);
    }

    /** The line printed for an epoch. */
    public static String format(EpochLog log) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d - %d steps - %.1fs - loss: %.4f",
                log.epoch(), log.epochs(), log.steps(), log.seconds(), log.loss()));
        if (!Double.isNaN(log.accuracy())) sb.append(String.format(Locale.ROOT, " - accuracy: %.4f", log.accuracy()));
        if (!Double.isNaN(log.valLoss())) sb.append(String.format(Locale.ROOT, " - val_loss: %.4f", log.valLoss()));
        if (!Double.isNaN(log.valAccuracy())) {
            sb.append(String.format(Locale.ROOT, " - val_accuracy: %.4f", log.valAccuracy()));
        }
        return sb.toString();
    }
}
