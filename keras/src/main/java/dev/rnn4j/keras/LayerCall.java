package dev.rnn4j.keras;

import dev.rnn4j.nn.Call;

/**
 * One call of a {@link Layer} on a batch: core's {@link Call} (its output, and a backward that knows what the
 * layer saved) plus the sequence lengths it passes on. Several calls of the same layer may be outstanding.
 *
 * <pre>{@code
 * LayerCall c = layer.call(x, null, true);
 * Tensor y = c.output();
 * Tensor dx = c.backward(dy);   // parameter gradients accumulate, as in PyTorch
 * }</pre>
 */
public interface LayerCall extends Call {
    /** Valid steps of each sequence in {@link #output()} when it is a padded sequence, else null. */
    int[] lengths();
}
