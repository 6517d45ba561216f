package dev.rnn4j.viz;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The traced copy computes what the model computes, and the step-by-step gradient probe is the real backward pass. */
class TracedModelTest {
    static final int V = 11, H = 6, L = 2;

    static int[] tokens(int n, long seed) {
        Rng rng = new Rng(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = rng.nextInt(V);
        return ids;
    }

    @ParameterizedTest
    @EnumSource(RecurrentKind.class)
    void traceMatchesTheModelStepByStep(RecurrentKind kind) {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(kind, V, H, L, 0f, 5));
        int[] ids = tokens(9, 1);
        TextTrace trace = TracedModel.of(model).run(ids);
        for (int t = 0; t < ids.length; t++) {
            // the model itself over the prefix ids[0..t]: its final state is every layer's h_t
            RecurrentState state = model.zeroState(1);
            float[] logits = model.logits(java.util.Arrays.copyOf(ids, t + 1), 1, t + 1, state);
            for (int l = 0; l < L; l++) {
                for (int j = 0; j < H; j++) {
                    assertEquals(state.h().get(l, 0, j), trace.layers()[l].hidden()[t * H + j], 1e-5f,
                            kind + " h of layer " + l + " unit " + j + " at step " + t);
                }
            }
            float[] p = logits.clone();
            TracedModel.softmaxInPlace(p, t * V, V);
            for (int v = 0; v < V; v++) assertEquals(p[t * V + v], trace.probabilities()[t * V + v], 1e-5f,
                    "p at step " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(RecurrentKind.class)
    void stepByStepGradientEqualsWholeSequenceBackward(RecurrentKind kind) {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(kind, V, H, 1, 0f, 9));
        TracedModel m = TracedModel.of(model);
        int[] text = tokens(GradientProbe.WARM_UP + 20, 2);
        int start = GradientProbe.WARM_UP, distance = 8;
        double[] probe = GradientProbe.norms(m, text, start, distance);

        // The same quantity in one call: from the state after window step 0, run steps 1..distance as
        // one sequence and backpropagate the loss at the last step; the gradient of h0 is ∂L_T/∂h_{T−distance}.
        Tensor h = null, c = null;
        for (int k = 0; k <= start; k++) {
            RecurrentOutput o = m.step(text[k], h, c);
            h = o.hN();
            c = o.cN();
        }
        int n = distance;
        float[] emb = new float[n * H];
        m.embedding.forward(java.util.Arrays.copyOfRange(text, start + 1, start + 1 + n), emb);
        RecurrentOutput out = m.rnn.forward(new Tensor(emb, 1, n, H), null, h, c);
        float[] last = java.util.Arrays.copyOfRange(out.output().data(), (n - 1) * H, n * H);
        float[] logits = new float[V], dLogits = new float[V], dLast = new float[H];
        m.head.forward(last, 1, logits);
        new CrossEntropy().compute(logits, 1, V, new int[] {text[start + distance + 1]}, dLogits);
        m.head.backward(last, dLogits, 1, dLast);
        float[] dOut = new float[n * H];
        System.arraycopy(dLast, 0, dOut, (n - 1) * H, H);
        RecurrentGradients g = m.rnn.backward(out, new Tensor(dOut, 1, n, H), null, null);
        double whole = 0;
        for (float x : g.h0().data()) whole += (double) x * x;
        whole = Math.sqrt(whole);
        assertTrue(whole > 0, "a gradient reaches back " + distance + " steps");
        assertEquals(whole, probe[distance], 1e-4 * whole, kind + ": step-by-step vs whole-sequence backward");
        double head = 0;
        for (float x : dLast) head += (double) x * x;
        assertEquals(Math.sqrt(head), probe[0], 1e-6, "distance 0 is the gradient at the output");
    }

    @Test
    void slopeOfAGeometricDecayIsItsRate() {
        double[] y = new double[30];
        for (int d = 0; d < y.length; d++) y[d] = 2 + d * Math.log10(0.6);
        assertEquals(Math.log10(0.6), GradientProbe.slope(y, 1, 29), 1e-12);
        y[29] = GradientProbe.FLOOR_LOG10;
        y[28] = GradientProbe.FLOOR_LOG10;
        assertEquals(27, GradientsCommand.fitEnd(y), "the fit stops before the underflow floor");
    }
}
