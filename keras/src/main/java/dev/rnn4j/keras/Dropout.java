package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * Keras's {@code Dropout(rate)}: in training each value is zeroed with probability {@code rate} and the
 * rest scaled by 1/(1−rate); at inference the identity. Sequence lengths pass through.
 *
 * <pre>{@code
 * Sequential.of(new Embedding(1000, 16), new LSTM(16), new Dropout(0.5), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class Dropout implements ParameterFreeLayer {
    private final float rate;
    private dev.rnn4j.nn.Dropout dropout;
    private Shape outputShape;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        this.rate = (float) rate;
    }

    public float rate() { return rate; }

    @Override
    public String typeName() { return "Dropout"; }

    /** The masks come from a generator split off {@code rng}, so a seeded model drops the same values. */
    @Override
    public Shape build(Shape inputShape, Rng rng) {
        if (dropout == null) dropout = new dev.rnn4j.nn.Dropout(rate, rng.split());
        outputShape = inputShape;
        return outputShape;
    }

    @Override
    public Shape outputShape() { return outputShape; }

    @Override
    public LayerCall call(Tensor x, int[] lengths, boolean training) {
        if (dropout == null) {
            throw new IllegalStateException(
                    "Dropout is not built: call build(inputShape, rng) or add it to a Sequential");
        }
        dropout.train(training);
        dev.rnn4j.nn.Dropout.Saved saved = dropout.forward(x);
        return new Call(this, saved, lengths);
    }

    private record Call(Dropout layer, dev.rnn4j.nn.Dropout.Saved saved, int[] lengths) implements LayerCall {
        @Override
        public Tensor output() { return saved.output(); }

        @Override
        public Tensor backward(Tensor dOutput) { return layer.dropout.backward(saved, dOutput); }
    }

    @Override
    public String toString() { return "Dropout(" + rate + ")"; }
}
