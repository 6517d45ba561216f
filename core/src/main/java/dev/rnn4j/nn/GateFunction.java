package dev.rnn4j.nn;

/**
 * The squashing function of the LSTM and GRU gates (Keras's {@code recurrent_activation}). PyTorch's layers use the
 * logistic sigmoid; Keras also has a piecewise-linear "hard sigmoid", defined differently by its versions, so both
 * are here. Derivatives are written in terms of the output y, which is what the layers save.
 *
 * <pre>{@code
 * Lstm lstm = Lstm.builder(8, 16).gateFunction(GateFunction.HARD_SIGMOID_KERAS2).build();
 * }</pre>
 */
public enum GateFunction {
    /** σ(x) = 1 / (1 + e^−x): PyTorch's, and Keras's default since TF2. */
    SIGMOID,
    /** clip(0.2·x + 0.5, 0, 1): Keras 2's (and tf.keras's) {@code hard_sigmoid}, Keras 2.0-2.2's LSTM/GRU default. */
    HARD_SIGMOID_KERAS2,
    /** clip(x / 6 + 0.5, 0, 1) = relu6(x + 3) / 6: Keras 3's {@code hard_sigmoid}. */
    HARD_SIGMOID_KERAS3;

    /** The gate's value at x. */
    public float apply(float x) {
        return switch (this) {
            case SIGMOID -> x >= 0 ? (float) (1.0 / (1.0 + Math.exp(-x))) : (float) (Math.exp(x) / (1.0 + Math.exp(x)));
            case HARD_SIGMOID_KERAS2 -> Math.clamp(0.2f * x + 0.5f, 0f, 1f);
            case HARD_SIGMOID_KERAS3 -> Math.clamp(x / 6f + 0.5f, 0f, 1f);
        };
    }

    /** dy/dx from y: y(1 − y) for the sigmoid; the slope inside (0, 1) and 0 where the hard sigmoid is clipped. */
    public float derivative(float y) {
        return switch (this) {
            case SIGMOID -> y * (1f - y);
            case HARD_SIGMOID_KERAS2 -> y > 0f && y < 1f ? 0.2f : 0f;
            case HARD_SIGMOID_KERAS3 -> y > 0f && y < 1f ? 1f / 6f : 0f;
        };
    }
}
