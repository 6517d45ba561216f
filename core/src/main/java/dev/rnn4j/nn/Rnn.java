package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * A multi-layer Elman network with PyTorch's {@code torch.nn.RNN} semantics,
 * {@code h_t = act(W_ih x_t + b_ih + W_hh h_(t−1) + b_hh)} with act = tanh (default) or relu; the same
 * parameter names, defaults (time-major unless {@code batchFirst}), bidirectional layers, inter-layer
 * dropout and variable-length batches.
 *
 * <pre>{@code
 * Rnn rnn = Rnn.builder(4, 2).batchFirst(true).build();
 * RecurrentOutput out = rnn.forward(x);               // x: (1, 5, 4) -> output (1, 5, 2), hN (1, 1, 2)
 * RecurrentGradients g = rnn.backward(out, dY, null);
 * }</pre>
 *
 * <p>An instance reuses work buffers between calls, so use it from one thread at a time (give each worker
 * its own copy). By default any number of forward results may be outstanding; with
 * {@code reuseBuffers(true)} only the latest one is, and backward on an older one fails saying so. Each result
 * serves one backward, as PyTorch's graph without {@code retain_graph} (see {@link RecurrentOutput}).
 */
public final class Rnn extends StackedRecurrent {
    /** {@code torch.nn.RNN(inputSize, hiddenSize)}: one layer, bias, time-major, initialised from seed 0. */
    public Rnn(int inputSize, int hiddenSize) { this(builder(inputSize, hiddenSize)); }

    /** Rebuilds the layer a config describes, initialised from {@code config.seed()}. */
    public Rnn(RecurrentConfig config) { super(RecurrentKind.RNN, config, new Rng(config.seed())); }

    private Rnn(Builder b) {
        super(RecurrentKind.RNN, b.config(RecurrentKind.RNN, 0, b.nonlinearity), b.rng);
    }

    public static Builder builder(int inputSize, int hiddenSize) { return new Builder(inputSize, hiddenSize); }

    /** Variable lengths (any order, each 1..T; null = all full), as a packed sequence with enforce_sorted=False. */
    public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0) { return forward(input, lengths, h0, null); }

    /** Optional arguments of {@link Rnn}, defaults as PyTorch's (and seed 0). */
    public static final class Builder extends RecurrentOptions<Builder> {
        private Nonlinearity nonlinearity = Nonlinearity.TANH;

        private Builder(int inputSize, int hiddenSize) { super(inputSize, hiddenSize); }

        @Override
        Builder self() { return this; }

        /** TANH (default) or RELU. */
        public Builder nonlinearity(Nonlinearity nonlinearity) { this.nonlinearity = nonlinearity; return this; }

        public Rnn build() { return new Rnn(this); }
    }
}
