package dev.rnn4j.keras;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one line per epoch in Keras's words:
 * {@code Epoch 3/10 - 157 steps - 2.1s - loss: 0.4312 - accuracy: 0.8020 - val_loss: 0.4621 - val_accuracy: 0.7900}.
 *
 * <pre>{@code
 * model.fit(x, y, FitConfig.defaults().withEpochs(10).withListener(new ConsoleProgress(System.out)));
 * }</pre>
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;

    public ConsoleProgress(PrintStream out) { this.out = out; }

    @Override
    public void onEpochEnd(EpochLog log) { out.println(format(log)); }

    @Override
    public void onEarlyStop(int epoch, int bestEpoch) {
        out.println("Epoch " + epoch + ": early stopping (best epoch " + bestEpoch + ")");
    }

    /** The line printed for an epoch. */
    public static String format(EpochLog log) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d - %d steps - %.1fs - loss: %.4f",
                log.epoch(), log.epochs(), log.steps(), log.seconds(), log.loss()));
        if (!Double.isNaN(log.accuracy())) sb.append(String.format(Locale.ROOT, " - accuracy: %.4f", log.accuracy()));
        if (!Double.isNaN(log.valLoss())) sb.append(String.format(Locale.ROOT, " - val_loss: %.4f", log.valLoss()));
        if (!Double.isNaN(log.valAccuracy())) sb.append(String.format(Locale.ROOT, " - val_accuracy: %.4f", log.valAccuracy()));
        return sb.toString();
    }
}
