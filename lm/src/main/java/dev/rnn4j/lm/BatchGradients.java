package dev.rnn4j.lm;

/**
 * Where a {@link CharLmTrainer} gets each step's gradients: this machine's batches
 * ({@link #local}), or the same batches' streams spread over a cluster and their gradients summed.
 * The trainer does the rest (clipping, optimizer, schedule, validation cadence, checkpoints) either way.
 *
 * <pre>{@code
 * BatchGradients local = BatchGradients.local(model, trainTokens, validationTokens, config);
 * CharLmTrainer t = new CharLmTrainer(model, local, config);
 * }</pre>
 */
public interface BatchGradients {
    /** Batches in one epoch. */
    int batchesPerEpoch();

    /**
     * Adds to the model's (zeroed) parameter gradients those of the mean loss over batch {@code batchIndex}'s
     * B·T positions, starting from the carried {@code state} (layers, B, hidden), which it advances.
     *
     * @return the mean cross-entropy over the batch
     */
    double accumulate(int batchIndex, RecurrentState state);

    /** Mean validation loss of the model's current weights, dropout off (as {@link Evaluation#meanLoss}). */
    double validationLoss();

    /** The batches of {@code trainTokens} on this machine, validated on {@code validationTokens}. */
    static BatchGradients local(CharLanguageModel model, int[] trainTokens, int[] validationTokens,
            TrainConfig config) {
        return new LocalBatchGradients(model, trainTokens, validationTokens, config.batchSize(), config.seqLength());
    }
}
