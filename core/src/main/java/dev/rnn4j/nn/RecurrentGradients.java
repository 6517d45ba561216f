package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * Gradients of the loss w.r.t. a recurrent layer's inputs; the parameter gradients accumulate into
 * {@link Parameter#grad()} instead, as in PyTorch.
 *
 * <pre>{@code
 * RecurrentGradients g = lstm.backward(out, dOutput, null, null);
 * Tensor dx = g.input();     // same shape as the input; 0 at padded steps
 * }</pre>
 *
 * @param input dL/d input, shaped like the input; null when forward was given {@link InputRows} with a gradient
 *              (dL/d table went there instead)
 * @param h0    dL/d h0, (D·numLayers, B, Hout), also when h0 was zeros
 * @param c0    dL/d c0, (D·numLayers, B, hiddenSize) for LSTM, null otherwise
 */
public record RecurrentGradients(Tensor input, Tensor h0, Tensor c0) {}
