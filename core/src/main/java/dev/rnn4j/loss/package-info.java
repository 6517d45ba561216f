/**
 * Losses with PyTorchs definitions and reductions: {@link dev.rnn4j.loss.CrossEntropy} (with
 * {@code ignore_index}), {@link dev.rnn4j.loss.BinaryCrossEntropyWithLogits} and
 * {@link dev.rnn4j.loss.MeanSquaredError}; each returns the loss and the gradient of its input in one call.
 */
package dev.rnn4j.loss;
