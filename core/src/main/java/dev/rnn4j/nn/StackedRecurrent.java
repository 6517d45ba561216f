package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * What {@link Rnn}, {@link Lstm} and {@link Gru} share: each is a {@link RecurrentStack} of its kind behind
 * PyTorch's API, and differs only in its builder and its documentation.
 */
abstract sealed class StackedRecurrent implements RecurrentNetwork permits Rnn, Lstm, Gru {
    final RecurrentStack stack;

    StackedRecurrent(RecurrentKind kind, RecurrentConfig config, Rng rng) {
        if (config.kind() != kind) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a config of kind " + kind + ", got "
                    + config.kind());
        }
        this.stack = new RecurrentStack(config, rng);
    }

    /** Forward from zero states over full-length sequences. */
    public RecurrentOutput forward(Tensor input) { return stack.forward(input, null, null, null); }

    /** {@code h0}: (D·numLayers, B, outputSize); null means zeros (and LSTM's c0 is zeros). */
    public RecurrentOutput forward(Tensor input, Tensor h0) { return forward(input, null, h0, null); }

    /**
     * Variable lengths (any order, each 1..T; null = all full), as a packed sequence with
     * enforce_sorted=False; {@code h0}/{@code c0} null mean zeros, and {@code c0} is LSTM's only.
     */
    @Override
    public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0) {
        return forward(input, lengths, h0, c0, null);
    }

    /** The first layer projects each of the input's distinct rows once ({@link InputRows}); the same bits. */
    @Override
    public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0, InputRows rows) {
        if (c0 != null && stack.config.kind() != RecurrentKind.LSTM) {
            throw new IllegalArgumentException(stack.config.kind() + " has no cell state: c0 must be null");
        }
        return stack.forward(input, lengths, h0, c0, rows);
    }

    /** Gradients from upstream {@code dOutput}, {@code dHn} and (LSTM only) {@code dCn}; each may be null = zeros. */
    @Override
    public RecurrentGradients backward(RecurrentOutput out, Tensor dOutput, Tensor dHn, Tensor dCn) {
        if (dCn != null && stack.config.kind() != RecurrentKind.LSTM) {
            throw new IllegalArgumentException(stack.config.kind() + " has no cell state: dCn must be null");
        }
        return stack.backward(out, dOutput, dHn, dCn);
    }

    /** Gradients from upstream {@code dOutput} and {@code dHn} (each may be null = zeros). */
    public RecurrentGradients backward(RecurrentOutput out, Tensor dOutput, Tensor dHn) {
        return stack.backward(out, dOutput, dHn, null);
    }

    @Override
    public List<Parameter> parameters() { return stack.parameters(); }

    /** The parameter with this PyTorch name, e.g. {@code "weight_hh_l1_reverse"}. */
    @Override
    public Parameter parameter(String name) { return stack.parameter(name); }

    @Override
    public void train(boolean training) { stack.train(training); }

    public boolean training() { return stack.training(); }

    @Override
    public RecurrentConfig config() { return stack.config; }

    @Override
    public long dropoutRngState() { return stack.dropoutRng().state(); }

    @Override
    public void restoreDropoutRng(long state) { stack.dropoutRng().restore(state); }

    @Override
    public void lockedDropout(boolean on) { stack.lockedDropout(on); }

    @Override
    public void reuseBuffers(boolean on) { stack.reuseBuffers(on); }

    @Override
    public String toString() { return getClass().getSimpleName() + stack.config; }
}
