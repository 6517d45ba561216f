package dev.rnn4j.keras;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What {@code fit} returns, Keras's {@code History}: one {@link EpochLog} per epoch run, and why it ended.
 *
 * <pre>{@code
 * History h = model.fit(x, y, 10, 32, 0.2);
 * double[] valLoss = h.valLoss();          // history.history['val_loss']
 * h.stoppedEarly();                        // true when EarlyStopping ended the run
 * }</pre>
 *
 * @param bestEpoch the epoch with the best monitored value when early stopping was used, else 0
 */
public record History(List<EpochLog> epochs, boolean stoppedEarly, int bestEpoch) {
    public History {
        epochs = List.copyOf(epochs);
    }

    public double[] loss() { return column(EpochLog::loss); }

    public double[] accuracy() { return column(EpochLog::accuracy); }

    public double[] valLoss() { return column(EpochLog::valLoss); }

    public double[] valAccuracy() { return column(EpochLog::valAccuracy); }

    /** The last epoch's log. */
    public EpochLog last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch was run");
        return epochs.get(epochs.size() - 1);
    }

    private double[] column(ToDoubleFunction<EpochLog> f) { return epochs.stream().mapToDouble(f).toArray(); }
}
