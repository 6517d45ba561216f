package dev.rnn4j.nn;

/**
 * Every constructor argument of a recurrent layer, as PyTorch names them ({@code torch.nn.LSTM(...)}),
 * plus the seed of the generator that initialised it, so {@code new Lstm(config)} rebuilds the same layer.
 *
 * <pre>{@code
 * RecurrentConfig c = lstm.config();
 * c.hiddenSize(); c.numLayers(); c.outputSize();   // outputSize = projSize if set, else hiddenSize
 * }</pre>
 *
 * @param projSize LSTM only: 0 for none, else the size h is projected to (must be below hiddenSize)
 * @param nonlinearity RNN only (ignored by LSTM and GRU, kept as TANH there)
 * @param seed the {@link dev.rnn4j.tensor.Rng} state the parameters were initialised from
 * @param resetAfter GRU only: true (PyTorch's GRU, the default) applies the reset gate after the recurrent
 *                   product, {@code r ⊙ (W_hn h + b_hn)}; false before it, {@code W_hn (r ⊙ h) + b_hn}
 *                   (Keras's {@code reset_after=False})
 * @param gateFunction LSTM and GRU: the gates' squashing function ({@link GateFunction#SIGMOID} as PyTorch; a
 *                     hard sigmoid runs plain loops: LSTM without projection, GRU)
 */
public record RecurrentConfig(RecurrentKind kind, int inputSize, int hiddenSize, int numLayers, boolean bias,
                              boolean batchFirst, float dropout, boolean bidirectional, int projSize,
                              Nonlinearity nonlinearity, long seed, boolean resetAfter, GateFunction gateFunction) {
    public RecurrentConfig {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        if (inputSize <= 0) throw new IllegalArgumentException("inputSize must be positive, got " + inputSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException("hiddenSize must be positive, got " + hiddenSize);
        if (numLayers <= 0) throw new IllegalArgumentException("numLayers must be positive, got " + numLayers);
        if (!(dropout >= 0f && dropout < 1f)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (projSize < 0) throw new IllegalArgumentException("projSize must be >= 0, got " + projSize);
        if (projSize > 0 && kind != RecurrentKind.LSTM) {
            throw new IllegalArgumentException("projSize is only supported by LSTM, got projSize " + projSize + " for " + kind);
        }
        if (projSize >= hiddenSize) {
            throw new IllegalArgumentException("projSize must be smaller than hiddenSize " + hiddenSize + ", got " + projSize);
        }
        if (nonlinearity == null) throw new IllegalArgumentException("nonlinearity must not be null");
        if (!resetAfter && kind != RecurrentKind.GRU) {
            throw new IllegalArgumentException("resetAfter=false is a GRU option, got it for " + kind);
        }
        if (gateFunction == null) throw new IllegalArgumentException("gateFunction must not be null");
        if (gateFunction != GateFunction.SIGMOID) {
            if (kind == RecurrentKind.RNN) {
                throw new IllegalArgumentException("an RNN has no gates: gateFunction must be SIGMOID");
            }
            if (projSize > 0) throw new IllegalArgumentException("gateFunction " + gateFunction
                    + " is not supported with projSize");
        }
    }

    /** A config with the reset gate and the gate function as PyTorch's. */

    public RecurrentConfig(RecurrentKind kind, int inputSize, int hiddenSize, int numLayers, boolean bias,
                           boolean batchFirst, float dropout, boolean bidirectional, int projSize,
                           Nonlinearity nonlinearity, long seed) {
        this(kind, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, nonlinearity,
                seed, true, GateFunction.SIGMOID);
    }

    /** This config with {@code resetAfter} set (GRU only). */
    public RecurrentConfig withResetAfter(boolean on) {
        return new RecurrentConfig(kind, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                projSize, nonlinearity, seed, on, gateFunction);
    }

    /** This config with the gates' squashing function set (LSTM, GRU). */
    public RecurrentConfig withGateFunction(GateFunction f) {
        return new RecurrentConfig(kind, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                projSize, nonlinearity, seed, resetAfter, f);
    }

    /** Width of h and of each direction's output: projSize if set, else hiddenSize. */
    public int outputSize() { return projSize > 0 ? projSize : hiddenSize; }

    /** 2 if bidirectional, else 1. */
    public int directions() { return bidirectional ? 2 : 1; }

    /** Input width of layer {@code l}: inputSize for the first, directions·outputSize above it. */
    public int layerInputSize(int l) { return l == 0 ? inputSize : directions() * outputSize(); }
}
