/**
 * Tensors and randomness: {@link dev.rnn4j.tensor.Tensor} (a flat row-major {@code float[]} and a shape),
 * {@link dev.rnn4j.tensor.Shapes} (shape arithmetic and the argument checks public boundaries share) and
 * {@link dev.rnn4j.tensor.Rng}, the one seeded random source whose state fits in a checkpoint.
 * Depends on nothing; everything else in rnn4j builds on it.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Rng(0), 2, 5, 3);   // (batch, seq, input)
 * }</pre>
 */
package dev.rnn4j.tensor;
