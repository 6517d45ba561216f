package dev.rnn4j.keras;

import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A Keras recurrent layer (one or two directions) on top of the PyTorch-exact {@link RecurrentNetwork}:
 * the recurrent math is not repeated here, only Keras's parameterisation and its output conventions.
 *
 * <p>Bias: Keras's SimpleRNN and LSTM have one bias b per layer, PyTorch has b_ih and b_hh, always added
 * together inside the step ({@code W_ih x + b_ih + W_hh h + b_hh}). Holding b_hh at zero and training only
 * b_ih gives exactly Keras's {@code W x + U h + b} without touching the recurrent kernels; b_hh is left out
 * of {@link #parameters()} (so out of the optimizer and the parameter count) and its gradient is cleared
 * after every backward. Keras's GRU (reset_after=True, the TF2 default) has both an input and a recurrent
 * bias, as PyTorch's GRU does ({@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}), so both are trained.
 */
final class RecurrentRunner {
    final RecurrentKind kind;
    final int units;
    final int inputSize;
    final int directions;
    final boolean returnSequences;
    final boolean returnState;
    final boolean goBackwards;
    final boolean zeroOutputForMask;
    final MergeMode mergeMode;
    final RecurrentNetwork network;
    private final List<Parameter> trainable;
    private final List<Parameter> heldAtZero;
    /** The step loop of training with Keras's dropout masks, or null when the layer has no dropout. */
    private final DropoutRecurrence dropout;
    private final Rng masks;
    private Long fixedMaskSeed;                   // tests: every call draws the same masks
    private final boolean stateful;
    private List<Tensor> carried;                 // stateful: the last call's final states, Keras's order
    private int carriedBatch = -1;

    RecurrentRunner(Recurrent spec, int inputSize, boolean bidirectional, MergeMode mergeMode, Rng rng) {
        this.kind = spec.kind;
        this.units = spec.units;
        this.inputSize = inputSize;
        this.directions = bidirectional ? 2 : 1;
        this.returnSequences = spec.returnSequences;
        this.returnState = spec.returnState;
        this.goBackwards = spec.goBackwards;
        this.zeroOutputForMask = !bidirectional && spec.zeroOutputForMask;
        this.stateful = spec.stateful;
        this.mergeMode = bidirectional ? mergeMode : MergeMode.CONCAT;
        boolean resetAfter = !(spec instanceof GRU g) || g.resetAfter;
        Nonlinearity act = spec.activation == Activation.RELU ? Nonlinearity.RELU : Nonlinearity.TANH;
        // PyTorch's initialisation from seed 0 is overwritten below with Keras's.
        this.network = RecurrentNetwork.create(new RecurrentConfig(kind, inputSize, units, 1, spec.useBias, true, 0f,
                bidirectional, 0, act, 0, resetAfter, spec.recurrentActivation));
        List<Parameter> train = new ArrayList<>(), held = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            String suffix = "_l0" + (d == 1 ? "_reverse" : "");
            Parameter wIh = network.parameter("weight_ih" + suffix), wHh = network.parameter("weight_hh" + suffix);
            int gateRows = kind.gates() * units;
            KerasInit.glorotUniform(wIh, inputSize, gateRows, rng);
            KerasInit.orthogonal(wHh, rng);
            train.add(wIh);
            train.add(wHh);
            if (!spec.useBias) continue;
            Parameter bIh = network.parameter("bias_ih" + suffix), bHh = network.parameter("bias_hh" + suffix);
            KerasInit.fill(bIh, 0, gateRows, 0f);
            KerasInit.fill(bHh, 0, gateRows, 0f);
            // Keras's unit_forget_bias: the forget gate (PyTorch rows [H, 2H) of [i, f, g, o]) starts at 1.
            if (kind == RecurrentKind.LSTM) KerasInit.fill(bIh, units, 2 * units, 1f);
            train.add(bIh);
            // Keras's GRU with reset_after=True has a recurrent bias as PyTorch's; every other layer has one bias.
            if (kind == RecurrentKind.GRU && resetAfter) train.add(bHh);
            else held.add(bHh);
        }
        this.trainable = List.copyOf(train);
        this.heldAtZero = List.copyOf(held);
        boolean drops = spec.dropout > 0 || spec.recurrentDropout > 0;
        // drawn after initialisation, so a layer's weights do not depend on whether it has dropout
        this.dropout = drops ? new DropoutRecurrence(spec, inputSize, directions, network) : null;
        this.masks = drops ? rng.split() : null;
    }

    void resetStates() {
        carried = null;
        carriedBatch = -1;
    }

    int statefulBatchSize() { return carriedBatch; }

    /** Tests: from now on every call in training draws its masks from {@code new Rng(seed)}, the same each time. */
    void fixMasks(long seed) { this.fixedMaskSeed = seed; }

    private Rng maskRng() { return fixedMaskSeed == null ? masks : new Rng(fixedMaskSeed); }

    List<Parameter> parameters() { return trainable; }

    /** Width of the output: units, or twice the units for two directions concatenated. */
    int outputWidth() { return directions == 2 ? mergeMode.width(units) : units; }

    Shape outputShape(Shape input) {
        return returnSequences ? Shape.of(Shape.NONE, input.dim(1), outputWidth())
                : Shape.of(Shape.NONE, outputWidth());
    }

    /** States per direction: [h] or, for LSTM, [h, c]. */
    int statesPerDirection() { return kind == RecurrentKind.LSTM ? 2 : 1; }

    RecurrentCall call(String layerName, Tensor x, int[] lengths, List<Tensor> initialState, boolean training) {
        if (x.rank() != 3 || x.size(2) != inputSize) {
            throw new IllegalArgumentException(layerName + " expects input (batch, steps, " + inputSize + "), got "
                    + Shapes.str(x.shape()));
        }
        int B = x.size(0), T = x.size(1);
        if (stateful && carriedBatch >= 0 && B != carriedBatch) {
            throw new IllegalArgumentException(layerName + " is stateful and carries states for batches of "
                    + carriedBatch + ", got a batch of " + B + ": give every call that batch size (fit and predict "
                    + "with batch size " + carriedBatch + ", rows a multiple of it), or resetStates() first");
        }
        if (stateful && initialState == null) initialState = carried;
        if (goBackwards) x = reverseSteps(x, lengths);
        Tensor[] h0c0 = initialState == null ? new Tensor[2] : stackStates(layerName, initialState, B);
        network.train(training);
        EmptyRows empty = EmptyRows.of(lengths, B, T);
        RecurrentPass out = training && dropout != null
                ? dropout.forward(x, empty.runLengths(), h0c0[0], h0c0[1], dropout.draw(maskRng(), B))
                : RecurrentPass.of(network, network.forward(x, empty.runLengths(), h0c0[0], h0c0[1]));
        Tensor hN = empty.restoreInitialState(out.hN(), h0c0[0], B, units);
        Tensor cN = out.cN() == null ? null : empty.restoreInitialState(out.cN(), h0c0[1], B, units);
        Tensor sequence = empty.zeroSequenceRows(out.output());
        boolean masked = lengths != null && directions == 1;     // Bidirectional already has Keras's layout
        if (masked && returnSequences) {
            sequence = MaskedSteps.sequence(sequence, lengths, goBackwards, zeroOutputForMask);
        }
        Tensor concatenated = returnSequences ? sequence : lastOutput(hN, B);
        if (masked && !returnSequences) {
            for (int b = 0; b < B; b++) {
                if (MaskedSteps.zeroLastOutput(lengths, b, T, goBackwards, zeroOutputForMask)) {
                    java.util.Arrays.fill(concatenated.data(), b * units, (b + 1) * units, 0f);
                }
            }
        }
        List<Tensor> states = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            states.add(slice(hN, d, B));
            if (cN != null) states.add(slice(cN, d, B));
        }
        Tensor output = mergeMode == MergeMode.CONCAT ? concatenated
                : new Tensor(mergeMode.merge(concatenated.data(), units), merged(concatenated.shape()));
        if (stateful) {                      // the next call starts here; no gradient goes back across batches
            carried = new ArrayList<>();
            for (Tensor t : states) carried.add(new Tensor(t.data().clone(), t.shape()));
            carriedBatch = B;
        }
        return new RecurrentCall(this, out, concatenated, output, lengths, List.copyOf(states), empty, B);
    }

    /** A shape whose last dimension 2H becomes H. */
    private int[] merged(int[] shape) {
        shape[shape.length - 1] = units;
        return shape;
    }

    /**
     * Each row's first {@code lengths[b]} steps (all T without lengths) in reverse order, padding left in place:
     * the input of {@code go_backwards}, and, applied again, the way its gradient goes back.
     */
    static Tensor reverseSteps(Tensor x, int[] lengths) {
        int B = x.size(0), T = x.size(1), F = x.size(2);
        float[] v = x.data(), r = v.clone();
        for (int b = 0; b < B; b++) {
            int len = lengths == null ? T : Math.min(lengths[b], T);
            for (int t = 0; t < len; t++) System.arraycopy(v, (b * T + t) * F, r, (b * T + len - 1 - t) * F, F);
        }
        return new Tensor(r, x.shape());
    }

    /** Clears the gradient of the biases held at zero, so it never grows without bound. */
    void clearHeldGradients() {
        for (Parameter p : heldAtZero) p.zeroGrad();
    }

    /** Keras order [h_fw, c_fw, h_bw, c_bw] → PyTorch's h0 (D, B, H) and c0 (D, B, H). */
    private Tensor[] stackStates(String layerName, List<Tensor> states, int B) {
        int k = statesPerDirection();
        if (states.size() != directions * k) {
            throw new IllegalArgumentException(layerName + " expects " + directions * k + " initial state tensors, got "
                    + states.size());
        }
        float[] h0 = new float[directions * B * units], c0 = k == 2 ? new float[directions * B * units] : null;
        for (int d = 0; d < directions; d++) {
            for (int j = 0; j < k; j++) {
                Tensor s = states.get(d * k + j);
                Shapes.require(layerName + " initial state " + (d * k + j), s, B, units);
                System.arraycopy(s.data(), 0, j == 0 ? h0 : c0, d * B * units, B * units);
            }
        }
        return new Tensor[] {new Tensor(h0, directions, B, units),
                c0 == null ? null : new Tensor(c0, directions, B, units)};
    }

    /** Each row's final h of every direction side by side: (B, D·H). */
    private Tensor lastOutput(Tensor hN, int B) {
        float[] h = hN.data(), y = new float[B * directions * units];
        for (int d = 0; d < directions; d++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(h, (d * B + b) * units, y, (b * directions + d) * units, units);
            }
        }
        return new Tensor(y, B, directions * units);
    }

    static Tensor slice(Tensor t, int d, int B) {
        int n = B * t.size(2);
        float[] v = new float[n];
        System.arraycopy(t.data(), d * n, v, 0, n);
        return new Tensor(v, B, t.size(2));
    }
}
