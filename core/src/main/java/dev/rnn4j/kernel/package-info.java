/**
 * The fast arithmetic, and the only place the Vector API ({@code jdk.incubator.vector}) is used:
 * {@link dev.rnn4j.kernel.Gemm} (blocked, packed, multi-threaded sgemm with a register-tile micro-kernel
 * sized from {@code FloatVector.SPECIES_PREFERRED}), the fused gate kernels of one recurrent step
 * ({@link dev.rnn4j.kernel.LstmGates}, {@link dev.rnn4j.kernel.GruGates}, {@link dev.rnn4j.kernel.RnnGates}),
 * activations, the softmax pieces of cross-entropy ({@link dev.rnn4j.kernel.SoftmaxRows}), row helpers, and
 * {@link dev.rnn4j.kernel.KernelPool}, the one shared thread pool.
 * Each kernel has a plain scalar twin in the tests that it is checked against.
 * Depends on nothing in rnn4j; read {@code Gemm} first.
 */
package dev.rnn4j.kernel;
