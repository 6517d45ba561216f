package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/**
 * Keras's {@code GlobalAveragePooling1D}: the mean of each feature over the steps of a sequence,
 * {@code (B, T, F) -> (B, F)}, no parameters. With sequence lengths (masking) only the valid steps count, as
 * Keras averages over the unmasked steps; a sequence without any valid step gives zeros.
 *
 * <pre>{@code
 * Sequential.of(new Embedding(5000, 64).maskZero(true), new GRU(64).returnSequences(true),
 *         new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class GlobalAveragePooling1D implements ParameterFreeLayer {
    private Shape outputShape;

    @Override
    public String typeName() { return "GlobalAveragePooling1D"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        ParameterFreeLayer.requireSequenceShape("GlobalAveragePooling1D", inputShape);
        outputShape = Shape.of(Shape.NONE, inputShape.last());
        return outputShape;
    }

    @Override
    public Shape outputShape() { return outputShape; }

    /** {@code x}: (B, T, F); {@code lengths}: the valid steps of each row, or null for all. */
    @Override
    public LayerCall call(Tensor x, int[] lengths, boolean training) {
        ParameterFreeLayer.requireSequence("GlobalAveragePooling1D", x, lengths);
        int B = x.size(0), T = x.size(1), F = x.size(2);
        int[] counted = new int[B];
        float[] v = x.data(), y = new float[B * F];
        for (int b = 0; b < B; b++) {
            counted[b] = lengths == null ? T : Math.min(lengths[b], T);
            for (int f = 0; f < F; f++) {
                double sum = 0;
                for (int t = 0; t < counted[b]; t++) sum += v[(b * T + t) * F + f];
                y[b * F + f] = counted[b] == 0 ? 0f : (float) (sum / counted[b]);
            }
        }
        return new Call(new Tensor(y, B, F), counted, x.shape());
    }

    private record Call(Tensor output, int[] counted, int[] inputShape) implements LayerCall {
        @Override
        public int[] lengths() { return null; }

        /** Each counted step gets dy / count. */
        @Override
        public Tensor backward(Tensor dOutput) {
            int B = inputShape[0], T = inputShape[1], F = inputShape[2];
            Shapes.require("GlobalAveragePooling1D dOutput", dOutput, B, F);
            float[] dx = new float[B * T * F], dy = dOutput.data();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < counted[b]; t++) {
                    for (int f = 0; f < F; f++) dx[(b * T + t) * F + f] = dy[b * F + f] / counted[b];
                }
            }
            return new Tensor(dx, inputShape);
        }
    }

    @Override
    public String toString() { return "GlobalAveragePooling1D()"; }
}
