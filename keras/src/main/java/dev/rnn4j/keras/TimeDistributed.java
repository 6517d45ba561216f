package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Keras's {@code TimeDistributed(Dense(...))}: the same {@link Dense} layer applied to every step of a sequence,
 * {@code (B, T, F) -> (B, T, units)}. A Dense layer already acts on the last dimension, so this wrapper only
 * names the layer as Keras does ({@code time_distributed}, shown as TimeDistributed in the summary) and
 * checks that the input is a sequence; sequence lengths pass through.
 *
 * <pre>{@code
 * Sequential.of(new Embedding(1000, 16), new LSTM(32).returnSequences(true),
 *         new TimeDistributed(new Dense(5, Activation.SOFTMAX)));
 * }</pre>
 */
public final class TimeDistributed implements Layer {
    private final Dense layer;

    public TimeDistributed(Dense layer) {
        if (layer == null) throw new IllegalArgumentException("TimeDistributed needs a Dense layer");
        if (layer.isBuilt()) throw new IllegalArgumentException("TimeDistributed needs an unbuilt Dense layer");
        this.layer = layer;
    }

    public Dense layer() { return layer; }

    @Override
    public String typeName() { return "TimeDistributed"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        ParameterFreeLayer.requireSequenceShape("TimeDistributed", inputShape);
        return layer.build(inputShape, rng);
    }

    @Override
    public boolean isBuilt() { return layer.isBuilt(); }

    @Override
    public Shape outputShape() { return layer.outputShape(); }

    @Override
    public Dense.Call call(Tensor x, int[] lengths, boolean training) {
        ParameterFreeLayer.requireSequence("TimeDistributed", x);
        return layer.call(x, lengths, training);
    }

    @Override
    public List<Parameter> parameters() { return layer.parameters(); }

    @Override
    public String toString() { return "TimeDistributed(" + layer + ")"; }
}
