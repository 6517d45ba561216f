package dev.rnn4j.viz;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * Measures how far back a loss reaches: ‖∂L_T/∂h_t‖ against the distance T−t, with the library's real
 * backward pass. The network runs one step at a time with the state carried (each step's h0 is the
 * previous step's h_n); the loss L_T of predicting the character after step T is backpropagated through
 * the steps in reverse, and the gradient each step returns for its h0 is ∂L_T/∂h at that distance.
 *
 * <pre>{@code
 * double[] log10 = GradientProbe.meanLog10Norms(model, tokens, 100, 16, new Rng(7));
 * log10[d];   // mean over 16 windows of log10 ‖∂L_T/∂h_{T−d}‖
 * }</pre>
 */
final class GradientProbe {
    /** log10 of the smallest norm kept apart from zero: float gradients below it have underflowed. */
    static final double FLOOR_LOG10 = -40;
    /** Characters read (without gradients) before each window, so the state is a realistic one, not zero. */
    static final int WARM_UP = 50;

    private GradientProbe() {}

    /**
     * For {@code samples} windows of {@code distance + 1} characters drawn from {@code tokens}: the mean over
     * windows of log10 ‖∂L_T/∂h_{T−d}‖ for d = 0..distance (d = 0 is the top layer's output at step T).
     */
    static double[] meanLog10Norms(TracedModel model, int[] tokens, int distance, int samples, Rng rng) {
        int need = WARM_UP + distance + 2;
        if (tokens.length < need) {
            throw new IllegalArgumentException("the text has " + tokens.length + " characters; measuring over distance "
                    + distance + " needs at least " + need);
        }
        double[] sum = new double[distance + 1];
        for (int s = 0; s < samples; s++) {
            int start = WARM_UP + (int) (rng.nextDouble() * (tokens.length - need + 1));
            double[] norms = norms(model, tokens, start, distance);
            for (int d = 0; d <= distance; d++) sum[d] += Math.max(FLOOR_LOG10, Math.log10(norms[d]));
        }
        for (int d = 0; d <= distance; d++) sum[d] /= samples;
        for (Parameter p : model.rnn.parameters()) p.zeroGrad();
        for (Parameter p : model.head.parameters()) p.zeroGrad();
        return sum;
    }

    /**
     * ‖∂L_T/∂h_{T−d}‖ for d = 0..distance over the window tokens[start .. start+distance], target
     * tokens[start+distance+1].
     */
    static double[] norms(TracedModel model, int[] tokens, int start, int distance) {
        int H = model.config.hiddenSize(), V = model.config.vocabSize();
        Tensor h = null, c = null;
        for (int k = start - WARM_UP; k < start; k++) {   // warm-up: only the state matters
            RecurrentOutput o = model.step(tokens[k], h, c);
            h = o.hN();
            c = o.cN();
        }
        RecurrentOutput[] outs = new RecurrentOutput[distance + 1];
        for (int k = 0; k <= distance; k++) {
            outs[k] = model.step(tokens[start + k], h, c);
            h = outs[k].hN();
            c = outs[k].cN();
        }
        float[] top = outs[distance].output().data();
        float[] logits = new float[V], dLogits = new float[V], dTop = new float[H];
        model.head.forward(top, 1, logits);
        new CrossEntropy().compute(logits, 1, V, new int[] {tokens[start + distance + 1]}, dLogits);
        model.head.backward(top, dLogits, 1, dTop);
        double[] norms = new double[distance + 1];
        norms[0] = norm(dTop);
        RecurrentGradients g = model.stepBackward(outs[distance], dTop, null, null);
        for (int d = 1; d <= distance; d++) {
            norms[d] = norm(g.h0().data());   // ∂L_T/∂(state entering step T−d+1) = ∂L_T/∂h_{T−d}
            if (d < distance) g = model.stepBackward(outs[distance - d], null, g.h0(), g.c0());
        }
        return norms;
    }

    /** Least-squares slope of y[d] against d over d = from..to: log10 decay per step. */
    static double slope(double[] y, int from, int to) {
        int n = to - from + 1;
        double mx = 0, my = 0;
        for (int d = from; d <= to; d++) {
            mx += d;
            my += y[d];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int d = from; d <= to; d++) {
            sxy += (d - mx) * (y[d] - my);
            sxx += (d - mx) * (d - mx);
        }
        return sxy / sxx;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }
}
