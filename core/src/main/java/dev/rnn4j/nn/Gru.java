package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * A multi-layer gated recurrent unit network with PyTorch's {@code torch.nn.GRU} semantics: gate rows
 * [r, z, n], {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, {@code h' = (1 − z) ⊙ n + z ⊙ h};
 * the same parameter names, defaults (time-major unless {@code batchFirst}), bidirectional layers,
 * inter-layer dropout and variable-length batches.
 *
 * <pre>{@code
 * Gru gru = Gru.builder(4, 8).batchFirst(true).build();
 * RecurrentOutput out = gru.forward(x);               // x: (B, T, 4)
 * RecurrentGradients g = gru.backward(out, dY, null);
 * }</pre>
 *
 * <p>An instance reuses work buffers between calls, so use it from one thread at a time (give each worker
 * its own copy). By default any number of forward results may be outstanding; with
 * {@code reuseBuffers(true)} only the latest one is, and backward on an older one fails saying so. Each result
 * serves one backward, as PyTorch's graph without {@code retain_graph} (see {@link RecurrentOutput}).
 */
public final class Gru extends StackedRecurrent {
    /** {@code torch.nn.GRU(inputSize, hiddenSize)}: one layer, bias, time-major, initialised from seed 0. */
    public Gru(int inputSize, int hiddenSize) { this(builder(inputSize, hiddenSize)); }

    /** Rebuilds the layer a config describes, initialised from {@code config.seed()}. */
    public Gru(RecurrentConfig config) { super(RecurrentKind.GRU, config, new Rng(config.seed())); }

    private Gru(Builder b) {
        super(RecurrentKind.GRU, b.config(RecurrentKind.GRU, 0, Nonlinearity.TANH).withResetAfter(b.resetAfter)
                .withGateFunction(b.gateFunction), b.rng);
    }

    public static Builder builder(int inputSize, int hiddenSize) { return new Builder(inputSize, hiddenSize); }

    /** Variable lengths (any order, each 1..T; null = all full), as a packed sequence with enforce_sorted=False. */
    public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0) { return forward(input, lengths, h0, null); }

    /** Optional arguments of {@link Gru}, defaults as PyTorch's (and seed 0). */
    public static final class Builder extends RecurrentOptions<Builder> {
        private boolean resetAfter = true;
        private GateFunction gateFunction = GateFunction.SIGMOID;

        private Builder(int inputSize, int hiddenSize) { super(inputSize, hiddenSize); }

        /**
         * False applies the reset gate before the recurrent product,
         * {@code n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)}
         * (Keras's {@code reset_after=False}, Keras 2's default); true, the default, is PyTorch's GRU.
         */
        public Builder resetAfter(boolean resetAfter) { this.resetAfter = resetAfter; return this; }

        /** The gates' squashing function (default the sigmoid, as PyTorch); another one runs plain loops. */
        public Builder gateFunction(GateFunction f) { this.gateFunction = f; return this; }

        @Override
        Builder self() { return this; }

        public Gru build() { return new Gru(this); }
    }
}
