package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * One GRU step, as {@code torch.nn.GRUCell}: parameters {@code weight_ih [3H, I]}, {@code weight_hh [3H, H]},
 * {@code bias_ih}, {@code bias_hh [3H]}, gate rows [r, z, n]. Shares its arithmetic with {@link Gru}.
 *
 * <pre>{@code
 * GruCell cell = new GruCell(4, 8);
 * CellOutput o = cell.forward(x, h);                  // x: (B, 4), h: (B, 8) or null
 * CellGradients g = cell.backward(o, dh);
 * }</pre>
 */
public final class GruCell implements Layer {
    private final CellCore core;

    public GruCell(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, true, new Rng(0)); }

    /** Parameters ~ U(−1/√H, 1/√H) from {@code rng}, as PyTorch initialises them. */
    public GruCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        CellCore.requireSizes(inputSize, hiddenSize);
        core = new CellCore("GRUCell", new GruLayer(inputSize, hiddenSize, bias, false, ""), inputSize,
                hiddenSize, rng);
    }

    /** {@code x}: (B, I); {@code h}: (B, H) or null for zeros. */
    public CellOutput forward(Tensor x, Tensor h) { return core.forward(x, h, null); }

    /** Gradients from dL/dh' (null = zeros). */
    public CellGradients backward(CellOutput o, Tensor dh) { return core.backward(o, dh, null); }

    /** The {@link Layer} contract: one step from zero states; the call's output is h'. */
    @Override
    public CellOutput call(Tensor x) { return core.forward(x, null, null); }

    /** The contract with a state: {@code h} (B, H) or null for zeros. */
    public CellOutput call(Tensor x, Tensor h) { return forward(x, h); }

    @Override
    public List<Parameter> parameters() { return core.parameters(); }

    public Parameter parameter(String name) { return core.parameter(name); }

    /** Cells have no dropout; the mode changes nothing. */
    @Override
    public void train(boolean training) {}
}
