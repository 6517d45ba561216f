package dev.rnn4j.check;

import dev.rnn4j.nn.Gru;
import dev.rnn4j.nn.Lstm;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.nn.Rnn;
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

/** Sets up {@link Rnn}, {@link Lstm} or {@link Gru} and its {@link ReferenceRecurrent} twin for {@link GradCheck}. */
final class LayerUnderTest {
    private LayerUnderTest() {}

    static GradProblem build(GradCheckConfig c) {
        RecurrentConfig rc = c.layerConfig();
        boolean lstm = rc.kind() == RecurrentKind.LSTM;
        int B = c.batchSize(), T = c.seqLength(), L = rc.numLayers(), D = rc.directions();
        int hOut = rc.outputSize(), H = rc.hiddenSize(), F = D * hOut;
        int[] lengths = c.lengths();

        Rng rng = new Rng(c.seed() ^ 0xDA7AL);   // the layer draws its parameters from the seed itself
        Tensor x = randn(rng, c.batchFirst() ? new int[] {B, T, rc.inputSize()} : new int[] {T, B, rc.inputSize()});
        Tensor h0 = randn(rng, L * D, B, hOut);
        Tensor c0 = lstm ? randn(rng, L * D, B, H) : null;
        Tensor gOut = randn(rng, c.batchFirst() ? new int[] {B, T, F} : new int[] {T, B, F});
        Tensor gHn = randn(rng, L * D, B, hOut);
        Tensor gCn = lstm ? randn(rng, L * D, B, H) : null;

        Module module;
        RecurrentOutput out;
        RecurrentGradients g;
        switch (rc.kind()) {
            case LSTM -> {
                Lstm m = new Lstm(rc);
                m.zeroGrad();
                out = m.forward(x, lengths, h0, c0);
                g = m.backward(out, gOut, gHn, gCn);
                module = m;
            }
            case GRU -> {
                Gru m = new Gru(rc);
                m.zeroGrad();
                out = m.forward(x, lengths, h0);
                g = m.backward(out, gOut, gHn);
                module = m;
            }
            case RNN -> {
                Rnn m = new Rnn(rc);
                m.zeroGrad();
                out = m.forward(x, lengths, h0);
                g = m.backward(out, gOut, gHn);
                module = m;
            }
            default -> throw new IllegalArgumentException("unknown kind " + rc.kind());
        }

        List<GradProblem.Variable> variables = new ArrayList<>();
        Map<String, float[]> analytic = new LinkedHashMap<>();
        Map<String, double[]> params = addParameters(module.parameters(), variables, analytic);
        double[] xd = addInput("input", x, g.input(), variables, analytic);
        double[] h0d = addInput("h0", h0, g.h0(), variables, analytic);
        double[] c0d = addInput("c0", c0, g.c0(), variables, analytic);

        ReferenceRecurrent ref = new ReferenceRecurrent(rc, params);
        ReferenceRecurrent.Result r = ref.forward(xd, T, B, lengths, h0d, c0d);
        List<TensorError> forward = new ArrayList<>();
        forward.add(forwardError("output", out.output(), r.output()));
        forward.add(forwardError("h_n", out.hN(), r.hN()));
        if (lstm) forward.add(forwardError("c_n", out.cN(), r.cN()));

        return new GradProblem(variables, () -> {
            ReferenceRecurrent.Result y = ref.forward(xd, T, B, lengths, h0d, c0d);
            return dot(y.output(), gOut) + dot(y.hN(), gHn) + dot(y.cN(), gCn);
        }, analytic, forward);
    }
}
