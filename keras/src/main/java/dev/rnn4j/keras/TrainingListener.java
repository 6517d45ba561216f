package dev.rnn4j.keras;

/**
 * Progress of {@code fit}, for a progress bar or a log (the library prints nothing itself).
 * {@link ConsoleProgress} draws Keras's bar or prints one line per epoch.
 *
 * <pre>{@code
 * model.fit(x, y, FitConfig.defaults().withListener(ConsoleProgress.bar(System.out)));
 * model.fit(x, y, FitConfig.defaults().withListener(new TrainingListener() {
 *     public void onBatchEnd(int epoch, int step, int steps, double loss) { bar.update(step, steps, loss); }
 * }));
 * }</pre>
 */
public interface TrainingListener {
    default void onEpochBegin(int epoch, int epochs, int steps) {}

    /** After each optimizer step; {@code meanLoss} is the epoch's running mean so far; step is 1-based. */
    default void onBatchEnd(int epoch, int step, int steps, double meanLoss) {}

    default void onEpochEnd(EpochLog log) {}

    /** Early stopping ended the run after {@code epoch}; {@code bestEpoch} had the best monitored value. */
    default void onEarlyStop(int epoch, int bestEpoch) {}
}
