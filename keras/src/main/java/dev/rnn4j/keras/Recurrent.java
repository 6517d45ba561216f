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

    RecurrentRunner runnerForTests() { return runner; }

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
                + (goBackwards ? ", go_backwards=True" : "") + (useBias ? "" : ", use_bias=False") + ")";
    }
}
