package dev.rnn4j.keras;

import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * What Keras's {@link SimpleRNN}, {@link LSTM} and {@link GRU} share: {@code units}, the options
 * {@code returnSequences} and {@code returnState}, input {@code (B, T, F)} batch first, masking of padded
 * steps through sequence lengths, and optional initial states.
 *
 * <pre>{@code
 * new SimpleRNN(32);                          // (None, None, F) -> (None, 32), the last output
 * new LSTM(32).returnSequences(true);         // -> (None, None, 32), every step's output
 * new GRU(32).returnState(true);              // call(...).states() holds the final h
 * }</pre>
 */
public abstract sealed class Recurrent implements Layer permits SimpleRNN, LSTM, GRU {
    final RecurrentKind kind;
    final int units;
    boolean returnSequences;
    boolean returnState;
    boolean goBackwards;
    boolean useBias = true;
    boolean zeroOutputForMask;
    GateFunction recurrentActivation = GateFunction.SIGMOID;
    Activation activation = Activation.TANH;
    double dropout, recurrentDropout;
    int implementation = 2;
    boolean stateful;
    private RecurrentRunner runner;
    private Shape outputShape;

    Recurrent(RecurrentKind kind, int units) {
        Shapes.requirePositive(kind.name() + " units", units);
        this.kind = kind;
        this.units = units;
    }

    public int units() { return units; }

    /** Output every step's h, (B, T, units), instead of the last one (Keras's {@code return_sequences}). */
    public Recurrent returnSequences(boolean on) {
        requireNotBuilt();
        this.returnSequences = on;
        return this;
    }

    /** Also return the final states from {@link RecurrentCall#states()} (Keras's {@code return_state}). */
    public Recurrent returnState(boolean on) {
        requireNotBuilt();
        this.returnState = on;
        return this;
    }

    /**
     * Process each sequence last step first (Keras's {@code go_backwards}); with {@code returnSequences} the
     * outputs stay in processing order, as Keras returns them: with masked (padded) input they start with zeros
     * for the padding, which comes first in that order.
     */
    public Recurrent goBackwards(boolean on) {
        requireNotBuilt();
        this.goBackwards = on;
        return this;
    }

    /**
     * Output zeros at masked steps instead of the previous step's output (Keras's {@code zero_output_for_mask};
     * default false). Inside {@link Bidirectional} it is ignored: Keras sets it to {@code return_sequences} there.
     */
    public Recurrent zeroOutputForMask(boolean on) {
        requireNotBuilt();
        this.zeroOutputForMask = on;
        return this;
    }

    public boolean isZeroOutputForMask() { return zeroOutputForMask; }

    /** Without the bias vectors (Keras's {@code use_bias=False}). */
    public Recurrent useBias(boolean on) {
        requireNotBuilt();
        this.useBias = on;
        return this;
    }

    /**
     * The gates' function (Keras's {@code recurrent_activation}) of an LSTM or GRU: the sigmoid (default) or one of
     * Keras's hard sigmoids (with either {@code resetAfter} in a GRU).
     */
    public Recurrent recurrentActivation(GateFunction f) {
        requireNotBuilt();
        if (f == null) throw new IllegalArgumentException("recurrentActivation must not be null");
        if (kind == RecurrentKind.RNN && f != GateFunction.SIGMOID) {
            throw new IllegalArgumentException("SimpleRNN has no gates: it takes no recurrent activation");
        }
        this.recurrentActivation = f;
        return this;
    }

    public GateFunction recurrentActivation() { return recurrentActivation; }

    /**
     * Keras's {@code dropout}: in training ({@code fit}) each sequence's inputs are multiplied by a mask drawn once per
     * batch and kept for every step, 0 with probability {@code rate}, else 1/(1 − rate); not in predict or evaluate.
     */
    public Recurrent dropout(double rate) {
        requireNotBuilt();
        this.dropout = checkRate("dropout", rate);
        return this;
    }

    /**
     * Keras's {@code recurrent_dropout}: as {@link #dropout}, on h_{t−1} where it enters the recurrent kernel (an
     * LSTM or GRU then draws a mask per gate, as Keras's implementation 1 does).
     */
    public Recurrent recurrentDropout(double rate) {
        requireNotBuilt();
        this.recurrentDropout = checkRate("recurrent_dropout", rate);
        return this;
    }

    /**
     * Keras's {@code implementation} of an LSTM or GRU: 2 (default) or 1. The results are the same; with 1 the
     * {@link #dropout} masks are drawn per gate, as Keras draws them ({@link #recurrentDropout} implies 1).
     */
    public Recurrent implementation(int mode) {
        requireNotBuilt();
        if (kind == RecurrentKind.RNN) throw new IllegalArgumentException("SimpleRNN has no implementation option");
        if (mode != 1 && mode != 2) throw new IllegalArgumentException("implementation must be 1 or 2, got " + mode);
        this.implementation = mode;
        return this;
    }

    /**
     * Keras's {@code stateful}: each call starts from the final states of the call before (row i of a batch continues
     * row i of the last one) instead of zeros, in {@code fit}, {@code predict} and {@code evaluate} alike; gradients
     * stop at the batch boundary. The first call fixes the batch size (Keras fixes it in the input's
     * {@code batch_shape}); {@link #resetStates} starts again from zeros.
     */
    public Recurrent stateful(boolean on) {
        requireNotBuilt();
        this.stateful = on;
        return this;
    }

    public boolean isStateful() { return stateful; }

    /** Zeros the carried states of a {@link #stateful} layer (Keras's {@code reset_states()}). */
    public void resetStates() { if (runner != null) runner.resetStates(); }

    /** The batch size a {@link #stateful} layer's states were carried for, or -1 (none yet, or not stateful). */
    public int statefulBatchSize() { return runner == null ? -1 : runner.statefulBatchSize(); }

    public double dropout() { return dropout; }

    public double recurrentDropout() { return recurrentDropout; }

    /** 1 when {@link #recurrentDropout} is set (Keras switches to it then), else as set. */
    public int implementation() { return recurrentDropout > 0 ? 1 : implementation; }

    private double checkRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(typeName() + " " + name + " must be in [0, 1), got " + rate);
        }
        return rate;
    }

    public boolean isGoBackwards() { return goBackwards; }

    public boolean isUseBias() { return useBias; }

    /** The activation of the candidate (TANH by default). */
    public Activation activation() { return activation; }

    public boolean isReturnSequences() { return returnSequences; }

    public boolean isReturnState() { return returnState; }

    void requireNotBuilt() {
        if (runner != null) throw new IllegalStateException(typeName()
                + " options must be set before the layer is built");
    }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        if (inputShape.rank() != 3 || inputShape.last() == Shape.NONE) {
            throw new IllegalArgumentException(typeName()
                    + " expects input shape (batch, steps, features) with known features, got " + inputShape);
        }
        if (runner == null) runner = new RecurrentRunner(this, inputShape.last(), false, MergeMode.CONCAT, rng);
        else if (runner.inputSize != inputShape.last()) {
            throw new IllegalArgumentException(typeName() + " was built for " + runner.inputSize
                    + " features, got input shape " + inputShape);
        }
        outputShape = runner.outputShape(inputShape);
        return outputShape;
    }

    @Override
    public boolean isBuilt() { return runner != null; }

    @Override
    public Shape outputShape() { return outputShape; }

    /**
     * Keras's kernel, recurrent kernel and bias, as PyTorch's weight_ih_l0, weight_hh_l0, bias_ih_l0 (GRU: and
     * bias_hh_l0).
     */
    @Override
    public List<Parameter> parameters() { return runner == null ? List.of() : runner.parameters(); }

    RecurrentRunner runner() { return runner; }

    @Override
    public RecurrentCall call(Tensor x, int[] lengths, boolean training) { return call(x, lengths, null, training); }

    /** With initial states in Keras's order ({@code [h]} or {@code [h, c]}, each (B, units)); null means zeros. */
    public RecurrentCall call(Tensor x, int[] lengths, List<Tensor> initialState, boolean training) {
        if (runner == null) throw new IllegalStateException(typeName()
                + " is not built: call build(inputShape, rng) or add it to a Sequential");
        return runner.call(typeName(), x, lengths, initialState, training);
    }

    @Override
    public String toString() {
        return typeName() + "(" + units + (returnSequences ? ", return_sequences=True" : "") + (returnState
                ? ", return_state=True" : "")
                + (goBackwards ? ", go_backwards=True" : "") + (useBias ? "" : ", use_bias=False")
                + (dropout > 0 ? ", dropout=" + dropout : "")
                + (recurrentDropout > 0 ? ", recurrent_dropout=" + recurrentDropout : "")
                + (stateful ? ", stateful=True" : "") + ")";
    }
}
