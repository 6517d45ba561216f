package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * A Keras-style layer: built once for an input shape (which creates its parameters), then called on
 * batches. A call returns a {@link LayerCall} holding the output and what the backward pass needs, so
 * composition works at layer granularity: run layers in order, keep their calls, and call
 * {@link LayerCall#backward} in reverse. {@link Sequential} does exactly that.
 *
 * <pre>{@code
 * Rng rng = new Rng(42);
 * Dense dense = new Dense(4, Activation.RELU);
 * dense.build(Shape.batchOf(8), rng);          // (None, 8) -> (None, 4)
 * LayerCall c = dense.call(x, null, true);     // x: (B, 8)
 * Tensor dx = c.backward(dy);                  // accumulates the kernel and bias gradients
 * }</pre>
 */
public interface Layer {
    /** Keras's class name as {@code summary()} shows it, e.g. {@code "SimpleRNN"}. */
    String typeName();

    /**
     * Creates the parameters for inputs of {@code inputShape} (batch first) initialised from {@code rng},
     * and returns the output shape. A layer is built once; building again with the same shape is a no-op.
     */
    Shape build(Shape inputShape, Rng rng);

    boolean isBuilt();

    /** The output shape computed by {@link #build}. */
    Shape outputShape();

    /**
     * Runs the layer on a batch. {@code lengths} are the valid steps of each right-padded sequence (from an
     * {@link Embedding} with {@code maskZero}), or null when every step is valid. {@code training} enables dropout.
     */
    LayerCall call(Tensor x, int[] lengths, boolean training);

    /** The trainable parameters (empty before {@link #build}). */
    List<Parameter> parameters();

    /** Parameters held fixed by the layer; they count as non-trainable in {@code summary()}. */
    default long nonTrainableParams() { return 0; }

    /** Number of trainable values, as Keras's "Param #" column counts them. */
    default long trainableParams() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }
}
