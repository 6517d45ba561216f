package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * One Elman step, as {@code torch.nn.RNNCell}: {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)}, act = tanh
 * (default) or relu. Shares its arithmetic with {@link Rnn}.
 *
 * <pre>{@code
 * RnnCell cell = new RnnCell(4, 8, true, Nonlinearity.RELU, new Rng(1));
 * CellOutput o = cell.forward(x, h);                  // x: (B, 4), h: (B, 8) or null
 * CellGradients g = cell.backward(o, dh);
 * }</pre>
 */
public final class RnnCell implements Layer {
    private final CellCore core;

    public RnnCell(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, true, Nonlinearity.TANH, new Rng(0)); }

    /** Parameters ~ U(−1/√H, 1/√H) from {@code rng}, as PyTorch initialises them. */
    public RnnCell(int inputSize, int hiddenSize, boolean bias, Nonlinearity nonlinearity, Rng rng) {
        CellCore.requireSizes(inputSize, hiddenSize);
        if (nonlinearity == null) throw new IllegalArgumentException("nonlinearity must not be null");
        core = new CellCore("RNNCell",
                new RnnLayer(inputSize, hiddenSize, nonlinearity == Nonlinearity.RELU, bias, false, ""),
                inputSize, hiddenSize, rng);
    }

    /** {@code x}: (B, I); {@code h}: (B, H) or null for zeros. */
    public CellOutput forward(Tensor x, Tensor h) { return core.forward(x, h, null); }

    /** Gradients from dL/dh' (null = zeros). */
    public CellGradients backward(CellOutput o, Tensor dh) { return core.backward(o, dh, null); }

    /** The {@link Layer} contract: one step from zero states; the call's output is h'. */
    @Override
    public CellOutput call(Tensor x) { return core.forward(x, null, null); }

    /** The contract with a state: {@code h} (B, H) or null for zeros. */
    public CellOutput call(Tensor x, Tensor h) { return core.forward(x, h, null); }

    @Override
    public List<Parameter> parameters() { return core.parameters(); }

    public Parameter parameter(String name) { return core.parameter(name); }

    /** Cells have no dropout; the mode changes nothing. */
    @Override
    public void train(boolean training) {}
}
