package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

/**
 * One call of a {@link Layer} on a batch: its output, the sequence lengths it passes on, and whatever
 * the layer saved to run backward. Several calls of the same layer may be outstanding.
 *
 * <pre>{@code
 * LayerCall c = layer.call(x, null, true);
 * Tensor y = c.output();
 * Tensor dx = c.backward(dy);   // parameter gradients accumulate, as in PyTorch
 * }</pre>
 */
public interface LayerCall {
    Tensor output();

    /** Valid steps of each sequence in {@link #output()} when it is a padded sequence, else null. */
    int[] lengths();

    /**
     * Accumulates parameter gradients from {@code dOutput} (shaped like the output) and returns the
     * gradient with respect to the input, or null when the input was token ids.
     */
    Tensor backward(Tensor dOutput);
}
