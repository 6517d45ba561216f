package dev.rnn4j.examples.seqtools;

/**
 * How far a run of {@code epochs} passes of {@code stepsPerEpoch} steps has come, for the progress bar.
 *
 * <pre>{@code
 * EpochSteps steps = EpochSteps.of(10, train.size(), 32);
 * progress.update(steps.fraction(epoch, step), "epoch " + epoch);   // epoch from 1, step from 1
 * }</pre>
 */
public record EpochSteps(int epochs, int stepsPerEpoch) {
    /** The steps of {@code epochs} passes over {@code examples} in batches of {@code batchSize}, the last one short. */
    public static EpochSteps of(int epochs, int examples, int batchSize) {
        return new EpochSteps(epochs, (examples + batchSize - 1) / batchSize);
    }

    /** The share of all steps done after {@code step} steps of epoch {@code epoch}. */
    public double fraction(int epoch, int step) {
        return ((epoch - 1) * (double) stepsPerEpoch + step) / ((double) epochs * stepsPerEpoch);
    }
}
