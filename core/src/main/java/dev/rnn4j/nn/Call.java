package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * One forward pass of a {@link Layer}: its output, and what the pass saved so that it can run its own
 * backward. There is no tape: a model keeps its calls and runs their {@code backward} in reverse order.
 * Several calls of one layer may be outstanding (unless the layer reuses its buffers); a recurrent call serves one
 * backward, as PyTorch's graph without {@code retain_graph}.
 *
 * <pre>{@code
 * Call c1 = embedding.call(ids), c2 = lstm.call(c1.output()), c3 = head.call(c2.output());
 * Tensor dLogits = ...;                       // from the loss
 * c1.backward(c2.backward(c3.backward(dLogits)));
 * }</pre>
 */
public interface Call {
    /** What the forward pass returned. */
    Tensor output();

    /**
     * Accumulates the layer's parameter gradients from {@code dOutput} (shaped like {@link #output()}) and
     * returns the gradient with respect to the input, or null when the input was token ids.
     */
    Tensor backward(Tensor dOutput);
}
