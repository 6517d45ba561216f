package dev.rnn4j.keras;

import java.util.Locale;

/**
 * The activations a {@link Dense} layer applies to the last dimension, by their Keras names. Every
 * derivative is written in terms of the output y, which is all the backward pass keeps.
 *
 * <pre>{@code
 * new Dense(1, Activation.SIGMOID);
 * Activation.of("softmax");     // Activation.SOFTMAX
 * }</pre>
 */
public enum Activation {
    LINEAR, RELU, TANH, SIGMOID, SOFTMAX;

    /** The Keras name, e.g. {@code "sigmoid"}. */
    public String kerasName() { return name().toLowerCase(Locale.ROOT); }

    public static Activation of(String kerasName) {
        for (Activation a : values()) if (a.kerasName().equals(kerasName)) return a;
        throw new IllegalArgumentException("unknown activation '" + kerasName
                + "', expected one of linear, relu, tanh, sigmoid, softmax");
    }

    /** {@code y = f(z)} over rows of {@code width} (softmax normalises each row). */
    void forward(float[] z, float[] y, int width) {
        switch (this) {
            case LINEAR -> System.arraycopy(z, 0, y, 0, z.length);
            case RELU -> { for (int i = 0; i < z.length; i++) y[i] = Math.max(z[i], 0f); }
            case TANH -> { for (int i = 0; i < z.length; i++) y[i] = (float) Math.tanh(z[i]); }
            case SIGMOID -> { for (int i = 0; i < z.length; i++) y[i] = (float) sigmoid(z[i]); }
            case SOFTMAX -> softmax(z, y, width);
        }
    }

    /** {@code dz = dy ⊙ f'(z)} from the output y; softmax: {@code dz = y ⊙ (dy − Σ_j dy_j y_j)} per row. */
    void backward(float[] y, float[] dy, float[] dz, int width) {
        switch (this) {
            case LINEAR -> System.arraycopy(dy, 0, dz, 0, dy.length);
            case RELU -> { for (int i = 0; i < y.length; i++) dz[i] = y[i] > 0f ? dy[i] : 0f; }
            case TANH -> { for (int i = 0; i < y.length; i++) dz[i] = dy[i] * (1f - y[i] * y[i]); }
            case SIGMOID -> { for (int i = 0; i < y.length; i++) dz[i] = dy[i] * y[i] * (1f - y[i]); }
            case SOFTMAX -> {
                for (int off = 0; off < y.length; off += width) {
                    double dot = 0;
                    for (int j = 0; j < width; j++) dot += (double) dy[off + j] * y[off + j];
                    for (int j = 0; j < width; j++) dz[off + j] = (float) (y[off + j] * (dy[off + j] - dot));
                }
            }
        }
    }

    /** σ(x) without overflow: e^x is only taken for x < 0. */
    static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Subtracts the row maximum first so no exponent overflows. */
    private static void softmax(float[] z, float[] y, int width) {
        for (int off = 0; off < z.length; off += width) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) max = Math.max(max, z[off + j]);
            double sum = 0;
            for (int j = 0; j < width; j++) sum += Math.exp(z[off + j] - max);
            for (int j = 0; j < width; j++) y[off + j] = (float) (Math.exp(z[off + j] - max) / sum);
        }
    }
}
