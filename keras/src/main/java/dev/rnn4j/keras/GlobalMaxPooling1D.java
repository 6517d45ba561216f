package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/**
 * Keras's {@code GlobalMaxPooling1D}: the maximum of each feature over the steps of a sequence,
 * {@code (B, T, F) -> (B, F)}, no parameters. As in Keras, the mask is ignored: padded steps count with the
 * values the previous layer gave them (a recurrent layer's zeros or repeated last output, see
 * {@link Recurrent#zeroOutputForMask}). The gradient goes to the step that held the maximum (the first one on
 * ties).
 *
 * <pre>{@code
 * Sequential.of(new Embedding(5000, 64).maskZero(true), new Bidirectional(new GRU(64).returnSequences(true)),
 *         new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class GlobalMaxPooling1D implements ParameterFreeLayer {
    private Shape outputShape;

    @Override
    public String typeName() { return "GlobalMaxPooling1D"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        ParameterFreeLayer.requireSequenceShape("GlobalMaxPooling1D", inputShape);
        outputShape = Shape.of(Shape.NONE, inputShape.last());
        return outputShape;
    }

    @Override
    public Shape outputShape() { return outputShape; }

    /** {@code x}: (B, T, F); {@code lengths} are checked but, as in Keras, do not change the result. */
    @Override
    public LayerCall call(Tensor x, int[] lengths, boolean training) {
        ParameterFreeLayer.requireSequence("GlobalMaxPooling1D", x, lengths);
        int B = x.size(0), T = x.size(1), F = x.size(2);
        float[] v = x.data(), y = new float[B * F];
        int[] argmax = new int[B * F];
        // Keras's GlobalMaxPooling1D takes no mask: every step counts.
        for (int b = 0; b < B; b++) {
            for (int f = 0; f < F; f++) {
                int best = 0;
                float max = v[(b * T) * F + f];
                for (int t = 1; t < T; t++) {
                    float s = v[(b * T + t) * F + f];
                    if (s > max) {
                        max = s;
                        best = t;
                    }
                }
                y[b * F + f] = max;
                argmax[b * F + f] = best;
            }
        }
        return new Call(new Tensor(y, B, F), argmax, x.shape());
    }

    private record Call(Tensor output, int[] argmax, int[] inputShape) implements LayerCall {
        @Override
        public int[] lengths() { return null; }

        @Override
        public Tensor backward(Tensor dOutput) {
            int B = inputShape[0], T = inputShape[1], F = inputShape[2];
            Shapes.require("GlobalMaxPooling1D dOutput", dOutput, B, F);
            float[] dx = new float[B * T * F], dy = dOutput.data();
            for (int b = 0; b < B; b++) {
                for (int f = 0; f < F; f++) {
                    int t = argmax[b * F + f];
                    if (t >= 0) dx[(b * T + t) * F + f] = dy[b * F + f];
                }
            }
            return new Tensor(dx, inputShape);
        }
    }

    @Override
    public String toString() { return "GlobalMaxPooling1D()"; }
}
