package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * What the three cells share: a cell is one layer, one direction, run for T = 1, so a cell step does the very
 * same arithmetic as a step of {@link Rnn}, {@link Lstm} or {@link Gru}.
 */
final class CellCore {
    final String name;
    final RecurrentLayer layer;
    final int inputSize, hiddenSize;
    final boolean lstm;
    private final Workspace allocating = new Workspace();   // reuse off: each step's results stand alone

    CellCore(String name, RecurrentLayer layer, int inputSize, int hiddenSize, Rng rng) {
        this.name = name;
        this.layer = layer;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.lstm = layer instanceof LstmLayer;
        RecurrentStack.initUniform(layer.parameters(), hiddenSize, rng);
    }

    static void requireSizes(int inputSize, int hiddenSize) {
        Shapes.requirePositive("inputSize", inputSize);
        Shapes.requirePositive("hiddenSize", hiddenSize);
    }

    List<Parameter> parameters() { return layer.parameters(); }

    Parameter parameter(String n) {
        for (Parameter p : parameters()) if (p.name().equals(n)) return p;
        throw new IllegalArgumentException(name + " has no parameter '" + n + "'; it has "
                + parameters().stream().map(Parameter::name).toList());
    }

    CellOutput forward(Tensor x, Tensor h, Tensor c) {
        if (x == null) throw new IllegalArgumentException(name + " input must not be null");
        if (x.rank() != 2 || x.size(1) != inputSize) {
            throw new IllegalArgumentException(name + " expects input of shape (batch, " + inputSize + "), got "
                    + Shapes.str(x.shape()));
        }
        int B = x.size(0), H = hiddenSize;
        if (B == 0) {
            throw new IllegalArgumentException(name + " expects a non-empty batch, got " + Shapes.str(x.shape()));
        }
        Checks.optional("h", h, B, H);
        if (lstm) Checks.optional("c", c, B, H);
        float[] y = new float[B * H];
        LayerTrace s = layer.forward(x.data().clone(), null, 1, B, null, h == null ? null : h.data(),
                lstm && c != null ? c.data() : null, y, 0, H, allocating);
        return new CellOutput(this, new Tensor(y, B, H), lstm ? new Tensor(s.cN().clone(), B, H) : null, s);
    }

    CellGradients backward(CellOutput o, Tensor dh, Tensor dc) {
        if (o == null) throw new IllegalArgumentException("o must not be null");
        if (o.owner != this) throw new IllegalArgumentException("o was produced by another " + name);
        int B = o.trace.B(), H = hiddenSize;
        Checks.optional("dh", dh, B, H);
        if (lstm) Checks.optional("dc", dc, B, H);
        Checks.firstBackward(o.backwardRan);
        o.backwardRan = true;
        float[] dx = new float[B * inputSize], dh0 = new float[B * H], dc0 = lstm ? new float[B * H] : null;
        layer.backward(o.trace, null, 0, H, dh == null ? null : dh.data(), lstm && dc != null ? dc.data() : null,
                dx, false, dh0, dc0);
        return new CellGradients(new Tensor(dx, B, inputSize), new Tensor(dh0, B, H),
                lstm ? new Tensor(dc0, B, H) : null);
    }
}
