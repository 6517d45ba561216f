package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * Keras's {@code Masking(mask_value)} for float sequences {@code (B, T, F)}: steps whose features all
 * equal {@code maskValue} at the end of a sequence are padding, and the following recurrent layer stops
 * before them. Only trailing padding is masked (right padding); such a step inside a sequence is data.
 *
 * <pre>{@code
 * Sequential.of(new Masking(0), new LSTM(32), new Dense(1, Activation.SIGMOID)).build(Shape.NONE, 8);
 * }</pre>
 */
public final class Masking implements ParameterFreeLayer {
    private final float maskValue;
    private Shape outputShape;

    public Masking(double maskValue) { this.maskValue = (float) maskValue; }

    public float maskValue() { return maskValue; }

    @Override
    public String typeName() { return "Masking"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        outputShape = ParameterFreeLayer.requireSequenceShape("Masking", inputShape);
        return outputShape;
    }

    @Override
    public Shape outputShape() { return outputShape; }

    /** The input unchanged, with the steps before each sequence's trailing padding as its length. */
    @Override
    public LayerCall call(Tensor x, int[] lengths, boolean training) {
        ParameterFreeLayer.requireSequence("Masking", x);
        int B = x.size(0), T = x.size(1), F = x.size(2);
        int[] found = new int[B];
        for (int b = 0; b < B; b++) {
            int len = T;
            while (len > 0 && allMasked(x.data(), (b * T + len - 1) * F, F)) len--;
            found[b] = lengths == null ? len : Math.min(len, lengths[b]);
        }
        return new Call(x, found);
    }

    private boolean allMasked(float[] v, int off, int F) {
        for (int j = 0; j < F; j++) if (v[off + j] != maskValue) return false;
        return true;
    }

    private record Call(Tensor output, int[] lengths) implements LayerCall {
        @Override
        public Tensor backward(Tensor dOutput) { return dOutput; }
    }

    @Override
    public String toString() { return "Masking(" + maskValue + ")"; }
}
