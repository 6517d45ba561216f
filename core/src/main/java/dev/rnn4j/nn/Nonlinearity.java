package dev.rnn4j.nn;

/**
 * The activation of an Elman RNN, as PyTorch's {@code nonlinearity='tanh'|'relu'}.
 *
 * <pre>{@code
 * Rnn rnn = Rnn.builder(4, 2).nonlinearity(Nonlinearity.RELU).build();
 * }</pre>
 */
public enum Nonlinearity { TANH, RELU }
