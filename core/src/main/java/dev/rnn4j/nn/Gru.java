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
 * its own copy); any number of forward results may be outstanding.
 */
public final class Gru extends StackedRecurrent {
    /** {@code torch.nn.GRU(inputSize, hiddenSize)}: one layer, bias, time-major, initialised from seed 0. */
    public Gru(int inputSize, int hiddenSize) { this(builder(inputSize, hiddenSize)); }

    /** Rebuilds the layer a config describes, initialised from {@code config.seed()}. */
    public Gru(RecurrentConfig config) { super(RecurrentKind.GRU, config, new Rng(config.seed())); }

    private Gru(Builder b) {
        super(RecurrentKind.GRU, new RecurrentConfig(RecurrentKind.GRU, b.inputSize, b.hiddenSize, b.numLayers,
                b.bias, b.batchFirst, b.dropout, b.bidirectional, 0, Nonlinearity.TANH, b.rng.state()), b.rng);
    }

    public static Builder builder(int inputSize, int hiddenSize) { return new Builder(inputSize, hiddenSize); }

    /** {@code h0}: (D·numLayers, B, hiddenSize); null means zeros. */
    public RecurrentOutput forward(Tensor input, Tensor h0) { return stack.forward(input, null, h0, null); }

    /** Variable lengths (any order, each 1..T; null = all full), as a packed sequence with enforce_sorted=False. */
    public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0) { return stack.forward(input, lengths, h0, null); }

    /** Gradients from upstream {@code dOutput} and {@code dHn} (each may be null = zeros). */
    public RecurrentGradients backward(RecurrentOutput out, Tensor dOutput, Tensor dHn) {
        return stack.backward(out, dOutput, dHn, null);
    }

    /** Optional arguments of {@link Gru}, defaults as PyTorch's (and seed 0). */
    public static final class Builder {
        private final int inputSize, hiddenSize;
        private int numLayers = 1;
        private boolean bias = true, batchFirst = false, bidirectional = false;
        private float dropout = 0f;
        private Rng rng = new Rng(0);

        private Builder(int inputSize, int hiddenSize) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        public Builder numLayers(int numLayers) { this.numLayers = numLayers; return this; }

        public Builder bias(boolean bias) { this.bias = bias; return this; }

        public Builder batchFirst(boolean batchFirst) { this.batchFirst = batchFirst; return this; }

        /** Dropout on the outputs of every layer but the last, in training mode; in [0, 1). */
        public Builder dropout(float dropout) { this.dropout = dropout; return this; }

        public Builder bidirectional(boolean bidirectional) { this.bidirectional = bidirectional; return this; }

        /** The generator for initialisation and dropout masks; it is advanced. */
        public Builder rng(Rng rng) { this.rng = rng; return this; }

        public Gru build() { return new Gru(this); }
    }
}
