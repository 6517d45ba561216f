package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * The contract every one-input layer offers: {@link #call} runs forward and returns a {@link Call} that
 * knows its backward. Layers with more inputs or outputs (initial states, lengths, h_n/c_n, attention's
 * encoder outputs) have typed overloads of {@code call} whose calls add typed accessors; the one-argument
 * form is always there so layers compose.
 *
 * <pre>{@code
 * Layer head = new Linear(128, 65, true, rng);
 * Call c = head.call(h);                      // c.output(): logits
 * Tensor dh = c.backward(dLogits);            // accumulates weight/bias gradients
 * }</pre>
 *
 * The name is {@code call}, as in Keras, because each layer's existing {@code forward} returns its own type.
 */
public interface Layer extends Module {
    /** Runs the layer forward on {@code x}, saving what its backward needs in the returned call. */
    Call call(Tensor x);
}
