package dev.rnn4j.check;

import dev.rnn4j.nn.CellGradients;
import dev.rnn4j.nn.CellOutput;
import dev.rnn4j.nn.GruCell;
import dev.rnn4j.nn.LstmCell;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RnnCell;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.check.GradProblem.addInput;
import static dev.rnn4j.check.GradProblem.addParameters;
import static dev.rnn4j.check.GradProblem.dot;
import static dev.rnn4j.check.GradProblem.forwardError;
import static dev.rnn4j.tensor.Tensor.randn;

/** Sets up {@link RnnCell}, {@link LstmCell} or {@link GruCell} and a {@link ReferenceCell} per sample. */
final class CellUnderTest {
    private CellUnderTest() {}

    static GradProblem build(GradCheckConfig c) {
        RecurrentKind kind = c.kind();
        boolean lstm = kind == RecurrentKind.LSTM;
        int B = c.batchSize(), I = c.inputSize(), H = c.hiddenSize();

        Rng rng = new Rng(c.seed() ^ 0xDA7AL);
        Tensor x = randn(rng, B, I), h = randn(rng, B, H), cs = lstm ? randn(rng, B, H) : null;
        Tensor gH = randn(rng, B, H), gC = lstm ? randn(rng, B, H) : null;

        Module module;
        CellOutput out;
        CellGradients g;
        Rng init = new Rng(c.seed());
        switch (kind) {
            case LSTM -> {
                LstmCell m = new LstmCell(I, H, c.bias(), init);
                m.zeroGrad();
                out = m.forward(x, h, cs);
                g = m.backward(out, gH, gC);
                module = m;
            }
            case GRU -> {
                GruCell m = new GruCell(I, H, c.bias(), init);
                m.zeroGrad();
                out = m.forward(x, h);
                g = m.backward(out, gH);
                module = m;
            }
            case RNN -> {
                RnnCell m = new RnnCell(I, H, c.bias(), c.nonlinearity(), init);
                m.zeroGrad();
                out = m.forward(x, h);
                g = m.backward(out, gH);
                module = m;
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }

        List<GradProblem.Variable> variables = new ArrayList<>();
        Map<String, float[]> analytic = new LinkedHashMap<>();
        Map<String, double[]> params = addParameters(module.parameters(), variables, analytic);
        double[] xd = addInput("input", x, g.input(), variables, analytic);
        double[] hd = addInput("h0", h, g.h(), variables, analytic);
        double[] cd = addInput("c0", cs, g.c(), variables, analytic);

        ReferenceCell ref = new ReferenceCell(kind, c.nonlinearity(), I, H, 0, params.get("weight_ih"),
                params.get("weight_hh"), params.get("bias_ih"), params.get("bias_hh"), null);
        double[][] r = step(ref, xd, hd, cd, B, I, H);
        List<TensorError> forward = new ArrayList<>();
        forward.add(forwardError("h1", out.h(), r[0]));
        if (lstm) forward.add(forwardError("c1", out.c(), r[1]));

        return new GradProblem(variables, () -> {
            double[][] y = step(ref, xd, hd, cd, B, I, H);
            return dot(y[0], gH) + dot(y[1], gC);
        }, analytic, forward);
    }

    /** {h1 [B, H], c1 [B, H] or null}: the reference cell applied to each sample. */
    private static double[][] step(ReferenceCell ref, double[] x, double[] h, double[] c, int B, int I, int H) {
        double[] h1 = new double[B * H];
        double[] c1 = c == null ? null : new double[B * H];
        for (int b = 0; b < B; b++) {
            ReferenceCell.State s =
                    ref.step(slice(x, b * I, I), slice(h, b * H, H), c == null ? null : slice(c, b * H, H));
            System.arraycopy(s.h(), 0, h1, b * H, H);
            if (c1 != null) System.arraycopy(s.c(), 0, c1, b * H, H);
        }
        return new double[][] {h1, c1};
    }

    private static double[] slice(double[] a, int from, int n) {
        return java.util.Arrays.copyOfRange(a, from, from + n);
    }
}
