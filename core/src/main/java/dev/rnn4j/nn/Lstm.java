package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * A multi-layer long short-term memory network with PyTorch's {@code torch.nn.LSTM} semantics: the same
 * parameter names, shapes, gate order [i, f, g, o], defaults (time-major unless {@code batchFirst}), optional
 * projection ({@code projSize}), bidirectional layers, inter-layer dropout and variable-length batches.
 *
 * <pre>{@code
 * Lstm lstm = Lstm.builder(4, 8).numLayers(2).batchFirst(true).build();
 * RecurrentOutput out = lstm.forward(x);                  // x: (B, T, 4); h0, c0 zeros
 * RecurrentGradients g = lstm.backward(out, dY, null, null);
 * lstm.parameter("weight_hh_l1").gradient();              // accumulated, as in PyTorch
 * }</pre>
 *
 * <p>An instance reuses work buffers between calls, so use it from one thread at a time (give each worker
 * its own copy). By default any number of forward results may be outstanding; with
 * {@code reuseBuffers(true)} only the latest one is, and backward on an older one fails saying so. Each result
 * serves one backward, as PyTorch's graph without {@code retain_graph} (see {@link RecurrentOutput}).
 */
public final class Lstm extends StackedRecurrent {
    /** {@code torch.nn.LSTM(inputSize, hiddenSize)}: one layer, bias, time-major, initialised from seed 0. */
    public Lstm(int inputSize, int hiddenSize) { this(builder(inputSize, hiddenSize)); }

    /** Rebuilds the layer a config describes, initialised from {@code config.seed()}. */
    public Lstm(RecurrentConfig config) { super(RecurrentKind.LSTM, config, new Rng(config.seed())); }

    private Lstm(Builder b) {
        super(RecurrentKind.LSTM,
                b.config(RecurrentKind.LSTM, b.projSize, Nonlinearity.TANH).withGateFunction(b.gateFunction), b.rng);
    }

    public static Builder builder(int inputSize, int hiddenSize) { return new Builder(inputSize, hiddenSize); }

    /** {@code h0}: (D·numLayers, B, Hout), {@code c0}: (D·numLayers, B, hiddenSize); null means zeros. */
    public RecurrentOutput forward(Tensor input, Tensor h0, Tensor c0) { return stack.forward(input, null, h0, c0); }

    /** Optional arguments of {@link Lstm}, defaults as PyTorch's (and seed 0). */
    public static final class Builder extends RecurrentOptions<Builder> {
        private GateFunction gateFunction = GateFunction.SIGMOID;
        private int projSize = 0;

        private Builder(int inputSize, int hiddenSize) { super(inputSize, hiddenSize); }

        @Override
        Builder self() { return this; }

        /** Project h to this size (0 = no projection); must be below hiddenSize. */
        public Builder projSize(int projSize) { this.projSize = projSize; return this; }

        /** The gates' squashing function (default the sigmoid, as PyTorch); not with projSize. */
        public Builder gateFunction(GateFunction f) { this.gateFunction = f; return this; }

        public Lstm build() { return new Lstm(this); }
    }
}
