/**
 * The layers, with PyTorch semantics, parameter names and gate orders: {@link dev.rnn4j.nn.Rnn},
 * {@link dev.rnn4j.nn.Lstm} (with {@code projSize}), {@link dev.rnn4j.nn.Gru} and their cells,
 * {@link dev.rnn4j.nn.Linear}, {@link dev.rnn4j.nn.Embedding}, {@link dev.rnn4j.nn.Dropout},
 * {@link dev.rnn4j.nn.LuongAttention} (global attention for encoder-decoder models), and the
 * bookkeeping they share ({@link dev.rnn4j.nn.Parameter}, {@link dev.rnn4j.nn.ParameterBuffer}: all
 * parameters in one flat array for the optimizer, clipping and checkpoints).
 *
 * <p>Where to find a recurrent layers math: the public class ({@code Lstm}) builds a
 * {@code RecurrentStack} of one-direction layers; {@code LstmLayer.forward} / {@code backward}
 * hold the time loop (input projection as one GEMM before it, the recurrent GEMM and a fused gate kernel
 * per step, weight gradients as one GEMM after the reverse sweep). {@code GruLayer} and {@code RnnLayer}
 * are the same shape.
 *
 * <pre>{@code
 * Lstm lstm = Lstm.builder(3, 4).numLayers(2).batchFirst(true).build();
 * RecurrentOutput out = lstm.forward(x);                       // out.output(), out.hN(), out.cN()
 * RecurrentGradients g = lstm.backward(out, dOutput, null, null);
 * }</pre>
 */
package dev.rnn4j.nn;
