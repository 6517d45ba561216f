package dev.rnn4j.lm;

import dev.rnn4j.check.ReferenceRecurrent;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A double-precision twin of one {@link CharLanguageModel#trainingStep} with its dropout and weight-drop masks
 * held fixed: the masks the fast model drew for that step, applied here to double copies of its parameters, one
 * {@link ReferenceRecurrent} layer at a time so the masks between layers and on {@code weight_hh} can be applied.
 * The variables are read in place: perturbing {@link #values} changes the next {@link #loss()}.
 */
final class ReferenceCharLm {
    final Map<String, double[]> values = new LinkedHashMap<>();   // state_dict key -> values (tied: one array)
    private final CharLmConfig c;
    private final int[] x, y;
    private final int batch, steps;
    private final double[] h0, c0;
    private final ReferenceRecurrent[] layers;
    private final double[][] weightHh, weightHhMask, layerMask;   // per layer (masks null when none)
    private final double[] outputMask;

    /** After {@code model.trainingStep(x, y, batch, steps, state0)}, with {@code state0} its starting state. */
    ReferenceCharLm(CharLanguageModel model, int[] x, int[] y, int batch, int steps, RecurrentState state0) {
        this.c = model.config();
        this.x = x;
        this.y = y;
        this.batch = batch;
        this.steps = steps;
        model.stateDict().forEach((key, p) -> {
            double[] shared = key.equals("head.weight") && c.regularization().tieWeights()
                    ? values.get("embedding.weight") : null;
            values.put(key, shared != null ? shared : toDouble(p));
        });
        h0 = toDouble(state0.h().data());
        c0 = state0.c() == null ? null : toDouble(state0.c().data());
        int L = c.numLayers();
        layers = new ReferenceRecurrent[L];
        weightHh = new double[L][];
        weightHhMask = new double[L][];
        layerMask = new double[L][];
        String prefix = c.recurrentName() + ".";
        for (int l = 0; l < L; l++) {
            RecurrentConfig rc = new RecurrentConfig(c.cell(), l == 0 ? c.embeddingSize() : c.outputSize(),
                    c.hiddenSize(), 1, true, true, 0f, false, c.projSize(), c.nonlinearity(), 0);
            Map<String, double[]> p = new LinkedHashMap<>();
            for (String name : new String[] {"weight_ih", "bias_ih", "bias_hh", "weight_hr"}) {
                double[] v = values.get(prefix + name + "_l" + l);
                if (v != null) p.put(name + "_l0", v);
            }
            weightHh[l] = new double[values.get(prefix + "weight_hh_l" + l).length];
            p.put("weight_hh_l0", weightHh[l]);
            layers[l] = new ReferenceRecurrent(rc, p);
            if (c.regularization().weightDrop() > 0) weightHhMask[l] = toDouble(model.weightDropMask(l));
            if (l < L - 1) layerMask[l] = toDouble(model.lastOutput.dropoutMask(l));
        }
        outputMask = model.lastOutputMask == null ? null : toDouble(model.lastOutputMask);
    }

    /** Mean cross-entropy of the step, in double, with the masks of the fast step. */
    double loss() {
        int B = batch, T = steps, E = c.embeddingSize(), P = c.outputSize(), H = c.hiddenSize();
        int V = c.vocabSize(), L = c.numLayers();
        String prefix = c.recurrentName() + ".";
        double[] emb = values.get("embedding.weight");
        double[] in = new double[B * T * E];
        for (int i = 0; i < B * T; i++) System.arraycopy(emb, x[i] * E, in, i * E, E);
        for (int l = 0; l < L; l++) {
            double[] w = values.get(prefix + "weight_hh_l" + l);
            double[] drop = weightHhMask[l];
            for (int i = 0; i < w.length; i++) weightHh[l][i] = drop == null ? w[i] : w[i] * drop[i];
            double[] h = java.util.Arrays.copyOfRange(h0, l * B * P, (l + 1) * B * P);
            double[] cs = c0 == null ? null : java.util.Arrays.copyOfRange(c0, l * B * H, (l + 1) * B * H);
            in = layers[l].forward(in, T, B, null, h, cs).output();   // [B, T, P]
            double[] m = l < L - 1 ? layerMask[l] : outputMask;
            if (m != null) applyMask(in, m, B, T, P, l < L - 1);
        }
        double[] w = values.get("head.weight"), bias = values.get("head.bias");
        double sum = 0;
        for (int i = 0; i < B * T; i++) {
            double[] logits = new double[V];
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < V; v++) {
                double z = bias[v];
                for (int k = 0; k < P; k++) z += in[i * P + k] * w[v * P + k];
                logits[v] = z;
                max = Math.max(max, z);
            }
            double norm = 0;
            for (double z : logits) norm += Math.exp(z - max);
            sum += max + Math.log(norm) - logits[y[i]];
        }
        return sum / (B * T);
    }

    /**
     * {@code a[B, T, F] *= mask}: a locked mask is [B, F]; a full one is time-major [T, B, F] between layers (the
     * recurrent stack's layout) and batch-first [B, T, F] on the top output (the model's).
     */
    private static void applyMask(double[] a, double[] mask, int B, int T, int F, boolean timeMajor) {
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int at = (b * T + t) * F;
                int m = mask.length == B * F ? b * F : timeMajor ? (t * B + b) * F : at;
                for (int f = 0; f < F; f++) a[at + f] *= mask[m + f];
            }
        }
    }

    private static double[] toDouble(Parameter p) { return toDouble(p.value().data()); }

    static double[] toDouble(float[] a) {
        if (a == null) return null;
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
