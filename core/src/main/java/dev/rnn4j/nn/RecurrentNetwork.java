package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * What {@link Rnn}, {@link Lstm} and {@link Gru} have in common, for code that takes any of them
 * (a language model whose cell is a command-line choice). {@code c0}/{@code dCn} are LSTM-only and
 * must be null for the others.
 *
 * <pre>{@code
 * RecurrentNetwork net = RecurrentNetwork.create(lstm.config());   // an Lstm, Gru or Rnn
 * RecurrentOutput out = net.forward(x, null, null, null);
 * }</pre>
 */
public interface RecurrentNetwork extends Layer {
    RecurrentConfig config();

    RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0);

    /**
     * As {@link #forward(Tensor, int[], Tensor, Tensor)}, told that the input's rows are copies of a few distinct
     * rows ({@link InputRows}, e.g. embedded token ids): an implementation may then project each distinct row once.
     * The result is the same; this default ignores the hint. When {@code rows} carries a gradient for its table, the
     * backward of this forward may add dL/d table there and return a null input gradient; one that ignores the hint
     * (this default) returns the input gradient as usual, so a caller handles both.
     */
    default RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0, InputRows rows) {
        return forward(input, lengths, h0, c0);
    }

    /** The {@link Layer} contract: forward from zero states over full-length sequences; the output is the call. */
    @Override
    default RecurrentOutput call(Tensor input) { return forward(input, null, null, null); }

    /** The contract with lengths and initial states (each null for full lengths / zeros); h_n, c_n on the call. */
    default RecurrentOutput call(Tensor input, int[] lengths, Tensor h0, Tensor c0) {
        return forward(input, lengths, h0, c0);
    }

    RecurrentGradients backward(RecurrentOutput out, Tensor dOutput, Tensor dHn, Tensor dCn);

    Parameter parameter(String name);

    /** State of the inter-layer dropout generator, saved in checkpoints for exact resume. */
    long dropoutRngState();

    void restoreDropoutRng(long state);

    /**
     * Off by default (PyTorch's {@code dropout=}: a fresh mask for every element). On, the dropout between layers
     * is locked (variational, as AWD-LSTM's LockedDropout): one mask per sequence and feature for each forward,
     * the same at every time step.
     */
    void lockedDropout(boolean on);

    /**
     * Off by default. On, each forward reuses the large arrays of the previous forward (its output and what
     * it saved for backward) and each backward those of the previous backward, so a training loop allocates
     * nothing per step. Results then stay valid only until the next call of the same kind: backward must
     * follow its forward before the next forward (an older output fails with a clear error).
     */
    void reuseBuffers(boolean on);

    /** The layer {@code config} describes, initialised from {@code config.seed()}. */
    static RecurrentNetwork create(RecurrentConfig config) {
        return switch (config.kind()) {
            case LSTM -> new Lstm(config);
            case GRU -> new Gru(config);
            case RNN -> new Rnn(config);
        };
    }
}
