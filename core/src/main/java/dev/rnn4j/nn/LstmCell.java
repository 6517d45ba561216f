package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * One LSTM step, as {@code torch.nn.LSTMCell}: parameters {@code weight_ih [4H, I]}, {@code weight_hh [4H, H]},
 * {@code bias_ih}, {@code bias_hh [4H]}, gate rows [i, f, g, o]. Shares its arithmetic with {@link Lstm}.
 *
 * <pre>{@code
 * LstmCell cell = new LstmCell(4, 8);
 * CellOutput o = cell.forward(x, null, null);          // x: (B, 4); zero h and c
 * CellGradients g = cell.backward(o, dh, null);
 * }</pre>
 */
public final class LstmCell implements Layer {
    private final CellCore core;

    public LstmCell(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, true, new Rng(0)); }

    /** Parameters ~ U(−1/√H, 1/√H) from {@code rng}, as PyTorch initialises them. */
    public LstmCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        CellCore.requireSizes(inputSize, hiddenSize);
        core = new CellCore("LSTMCell", new LstmLayer(inputSize, hiddenSize, 0, bias, false, ""), inputSize,
                hiddenSize, rng);
    }

    /** {@code x}: (B, I); {@code h}, {@code c}: (B, H) or null for zeros. */
    public CellOutput forward(Tensor x, Tensor h, Tensor c) { return core.forward(x, h, c); }

    /** Gradients from dL/dh' and dL/dc' (either may be null = zeros). */
    public CellGradients backward(CellOutput o, Tensor dh, Tensor dc) { return core.backward(o, dh, dc); }

    /** The {@link Layer} contract: one step from zero states; the call's output is h'. */
    @Override
    public CellOutput call(Tensor x) { return core.forward(x, null, null); }

    /** The contract with states: {@code h}, {@code c} (B, H) or null for zeros. */
    public CellOutput call(Tensor x, Tensor h, Tensor c) { return forward(x, h, c); }

    @Override
    public List<Parameter> parameters() { return core.parameters(); }

    public Parameter parameter(String name) { return core.parameter(name); }

    /** Cells have no dropout; the mode changes nothing. */
    @Override
    public void train(boolean training) {}
}
