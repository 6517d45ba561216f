package dev.rnn4j.keras;

/**
 * What one epoch of {@code fit} measured; values not computed are NaN (accuracy without the metric,
 * validation values without validation data).
 *
 * <pre>{@code
 * history.epochs().get(0).valLoss();
 * }</pre>
 *
 * @param epoch   1-based
 * @param loss    mean training loss over the epoch's batches, weighted by batch size (as Keras reports it)
 * @param seconds wall time of the epoch including validation
 */
public record EpochLog(int epoch, int epochs, int steps, double loss, double accuracy, double valLoss,
                       double valAccuracy, double seconds) {}
