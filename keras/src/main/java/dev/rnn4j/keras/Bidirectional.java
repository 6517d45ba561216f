package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Keras's {@code Bidirectional(layer)}: the wrapped recurrent layer runs forward and backward over each
 * sequence (the backward one from its last valid step) and the outputs are concatenated
 * ({@code merge_mode='concat'}, twice the units) or combined element-wise ({@link #mergeMode}); twice the parameters.
 *
 * <pre>{@code
 * Sequential.of(new Embedding(10000, 32), new Bidirectional(new LSTM(32)), new Dense(1, Activation.SIGMOID));
 * // bidirectional (Bidirectional)   (None, 64)   16,640
 * }</pre>
 *
 * The wrapped layer supplies units and options and is not built or called itself.
 */
public final class Bidirectional implements Layer {
    private final Recurrent layer;
    private MergeMode mergeMode = MergeMode.CONCAT;
    private RecurrentRunner runner;
    private Shape outputShape;

    public Bidirectional(Recurrent layer) {
        if (layer == null) throw new IllegalArgumentException("Bidirectional needs a recurrent layer");
        if (layer.isBuilt()) {
            throw new IllegalArgumentException("Bidirectional needs an unbuilt layer, got a built " + layer.typeName());
        }
        if (layer.isGoBackwards()) {
            throw new IllegalArgumentException(
                    "Bidirectional runs both directions itself: its layer must not go_backwards");
        }
        this.layer = layer;
    }

    /** How the two directions' outputs combine (Keras's {@code merge_mode}, default concat); set before building. */
    public Bidirectional mergeMode(MergeMode mode) {
        if (mode == null) throw new IllegalArgumentException("merge mode must not be null");
        if (runner != null) {
            throw new IllegalStateException("Bidirectional options must be set before the layer is built");
        }
        this.mergeMode = mode;
        return this;
    }

    public MergeMode mergeMode() { return mergeMode; }

    public Recurrent layer() { return layer; }

    @Override
    public String typeName() { return "Bidirectional"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        if (inputShape.rank() != 3 || inputShape.last() == Shape.NONE) {
            throw new IllegalArgumentException("Bidirectional(" + layer.typeName()
                    + ") expects input shape (batch, steps, features) with known features, got " + inputShape);
        }
        if (runner == null) runner = new RecurrentRunner(layer, inputShape.last(), true, mergeMode, rng);
        else if (runner.inputSize != inputShape.last()) {
            throw new IllegalArgumentException("Bidirectional was built for " + runner.inputSize
                    + " features, got input shape " + inputShape);
        }
        outputShape = runner.outputShape(inputShape);
        return outputShape;
    }

    @Override
    public boolean isBuilt() { return runner != null; }

    @Override
    public Shape outputShape() { return outputShape; }

    /** Forward direction's parameters, then the backward direction's ({@code ..._reverse}). */
    @Override
    public List<Parameter> parameters() { return runner == null ? List.of() : runner.parameters(); }

    RecurrentRunner runner() { return runner; }

    /** Zeros the carried states of both directions when the wrapped layer is stateful. */
    public void resetStates() { if (runner != null) runner.resetStates(); }

    @Override
    public RecurrentCall call(Tensor x, int[] lengths, boolean training) { return call(x, lengths, null, training); }

    /** Initial states in Keras's order: the forward direction's [h] or [h, c], then the backward's. */
    public RecurrentCall call(Tensor x, int[] lengths, List<Tensor> initialState, boolean training) {
        if (runner == null) {
            throw new IllegalStateException(
                    "Bidirectional is not built: call build(inputShape, rng) or add it to a Sequential");
        }
        return runner.call("Bidirectional(" + layer.typeName() + ")", x, lengths, initialState, training);
    }

    @Override
    public String toString() {
        return "Bidirectional(" + layer
                + (mergeMode == MergeMode.CONCAT ? "" : ", merge_mode=" + mergeMode.kerasName()) + ")";
    }
}
