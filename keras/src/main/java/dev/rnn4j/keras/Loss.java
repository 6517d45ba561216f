package dev.rnn4j.keras;

/**
 * The losses {@code compile} accepts, by their Keras names. When the last layer is a {@link Dense} whose
 * activation the loss can absorb, the loss is computed from the values before the activation, which is
 * exact where the probabilities would round to 0 or 1:
 * {@code binary_crossentropy} after a sigmoid goes through
 * {@link dev.rnn4j.loss.BinaryCrossEntropyWithLogits}, {@code sparse_categorical_crossentropy} after a
 * softmax through {@link dev.rnn4j.loss.CrossEntropy} on logits, {@code categorical_crossentropy} after a softmax
 * through the log-softmax of the logits. Otherwise the output is taken as a
 * probability clipped to [1e-7, 1 − 1e-7], as Keras does.
 *
 * <pre>{@code
 * model.compile(KerasOptimizers.rmsprop(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
 * Loss.of("mse");     // Loss.MSE
 * }</pre>
 */
public enum Loss {
    /** Targets 0/1 shaped like the output, e.g. (N, 1). */
    BINARY_CROSSENTROPY("binary_crossentropy"),
    /** Targets are class ids, one per output row: (N) for (N, C), (N, T) for (N, T, C). */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy"),
    /**
     * Targets are distributions over the classes (one-hot, or soft labels) shaped like the output:
     * {@code −Σ y log p} per row, with p the output scaled to sum to 1 and clipped as Keras does.
     */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy"),
    /** Mean squared error; targets shaped like the output. */
    MSE("mse");

    private final String kerasName;

    Loss(String kerasName) { this.kerasName = kerasName; }

    public String kerasName() { return kerasName; }

    public static Loss of(String name) {
        for (Loss l : values()) if (l.kerasName.equals(name)) return l;
        if (name.equals("mean_squared_error")) return MSE;
        throw new IllegalArgumentException("unknown loss '" + name
                + "', expected binary_crossentropy, sparse_categorical_crossentropy, categorical_crossentropy or mse");
    }
}
