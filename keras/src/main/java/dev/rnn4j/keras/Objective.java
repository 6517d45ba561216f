package dev.rnn4j.keras;

import dev.rnn4j.loss.BinaryCrossEntropyWithLogits;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.loss.MeanSquaredError;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/**
 * A compiled loss (and accuracy) evaluated on a model's last layer call. Rows are the output's positions
 * before the last dimension; with a masked sequence output (B, T, C) the padded steps are left out of
 * the mean and the gradient, as Keras's masking does. Means and sums run in double.
 */
final class Objective {
    private static final double EPSILON = 1e-7;   // Keras's probability clipping

    /**
     * @param loss             mean over the counted rows' values (0 when nothing is counted)
     * @param gradient         dL/d output, or dL/d pre-activation when {@code wrtPreActivation}; null if not asked
     * @param correct, counted for accuracy: correct predictions among counted targets
     */
    record Result(double loss, Tensor gradient, boolean wrtPreActivation, long correct, long counted) {}

    private Objective() {}

    static Result compute(Loss loss, LayerCall last, Tensor target, boolean withGradient) {
        Tensor out = last.output();
        int C = out.size(-1), R = out.numel() / C;
        int perRow = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? 1 : C;
        if (target.numel() != (long) R * perRow || target.size(0) != out.size(0)) {
            throw new IllegalArgumentException(loss.kerasName() + " expects "
                    + (perRow == 1 && C > 1 ? "one class id per output row" : "targets shaped like the output")
                    + ": output " + Shapes.str(out.shape()) + ", targets " + Shapes.str(target.shape()));
        }
        Dense.Call dense = last instanceof Dense.Call d ? d : null;
        boolean fused = dense != null && (
                loss == Loss.BINARY_CROSSENTROPY && dense.layer().activation() == Activation.SIGMOID
                || (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY || loss == Loss.CATEGORICAL_CROSSENTROPY)
                && dense.layer().activation() == Activation.SOFTMAX);
        int[] rows = countedRows(last.lengths(), out);
        int n = rows == null ? R : rows.length;
        float[] x = compact(fused ? dense.preActivation().data() : out.data(), rows, C);
        float[] y = compact(target.data(), rows, perRow);
        float[] g = withGradient ? new float[n * C] : null;
        double value = n == 0 ? 0 : switch (loss) {
            case BINARY_CROSSENTROPY -> fused
                    ? new BinaryCrossEntropyWithLogits().compute(new Tensor(x, n, C), new Tensor(y, n, C), g)
                    : binaryOnProbabilities(x, y, g);
            case SPARSE_CATEGORICAL_CROSSENTROPY -> fused
                    ? new CrossEntropy().compute(x, n, C, classIds(y), g)
                    : sparseOnProbabilities(x, n, C, classIds(y), g);
            case CATEGORICAL_CROSSENTROPY -> fused ? categoricalOnLogits(x, n, C, y, g)
                    : categoricalOnProbabilities(x, n, C, y, g);
            case MSE -> new MeanSquaredError().compute(new Tensor(x, n * C), new Tensor(y, n * C), g);
        };
        float[] p = compact(out.data(), rows, C);
        long correct = 0;
        for (int r = 0; r < n; r++) {
            if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
                if (argmax(p, r * C, C) == (int) y[r]) correct++;
            } else if (loss == Loss.CATEGORICAL_CROSSENTROPY) {        // Keras's categorical_accuracy
                if (argmax(p, r * C, C) == argmax(y, r * C, C)) correct++;
            } else {
                for (int j = r * C; j < (r + 1) * C; j++) if ((p[j] > 0.5f) == (y[j] > 0.5f)) correct++;
            }
        }
        Tensor gradient = g == null ? null : new Tensor(scatter(g, rows, C, R), out.shape());
        long counted = loss == Loss.CATEGORICAL_CROSSENTROPY ? n : (long) n * perRow;
        return new Result(value, gradient, fused, correct, counted);
    }

    /** Indices of the rows that count, or null for all: with lengths, step t of row b counts when t < lengths[b]. */
    private static int[] countedRows(int[] lengths, Tensor out) {
        if (lengths == null || out.rank() != 3) return null;
        int B = out.size(0), T = out.size(1), n = 0;
        for (int len : lengths) n += Math.min(len, T);
        int[] rows = new int[n];
        int k = 0;
        for (int b = 0; b < B; b++) for (int t = 0; t < Math.min(lengths[b], T); t++) rows[k++] = b * T + t;
        return rows;
    }

    private static float[] compact(float[] v, int[] rows, int width) {
        if (rows == null) return v;
        float[] c = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) System.arraycopy(v, rows[i] * width, c, i * width, width);
        return c;
    }

    private static float[] scatter(float[] g, int[] rows, int width, int allRows) {
        if (rows == null) return g;
        float[] full = new float[allRows * width];
        for (int i = 0; i < rows.length; i++) System.arraycopy(g, i * width, full, rows[i] * width, width);
        return full;
    }

    /**
     * {@code −[y log p + (1−y) log(1−p)]} with p clipped to [ε, 1−ε]; no gradient where the clip is active.
     */
    private static double binaryOnProbabilities(float[] p, float[] y, float[] g) {
        double sum = 0;
        int n = p.length;
        for (int i = 0; i < n; i++) {
            double pi = Math.clamp(p[i], EPSILON, 1 - EPSILON);
            sum -= y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi);
            if (g != null) g[i] = pi == p[i] ? (float) ((pi - y[i]) / (pi * (1 - pi)) / n) : 0f;
        }
        return sum / n;
    }

    /** {@code −log p[target]} with p clipped to [ε, 1−ε], averaged over rows. */
    private static double sparseOnProbabilities(float[] p, int n, int c, int[] targets, float[] g) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
            int j = r * c + targets[r];
            double pj = Math.clamp(p[j], EPSILON, 1 - EPSILON);
            sum -= Math.log(pj);
            if (g != null && pj == p[j]) g[j] = (float) (-1.0 / pj / n);
        }
        return sum / n;
    }

    /**
     * {@code −Σ_j y_j log softmax(z)_j} per row from the logits z (log-softmax in double), averaged over rows; the
     * gradient {@code (softmax(z)·Σ_j y_j − y) / n}.
     */
    private static double categoricalOnLogits(float[] z, int n, int c, float[] y, float[] g) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
            int o = r * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, z[o + j]);
            double total = 0, mass = 0;
            for (int j = 0; j < c; j++) total += Math.exp(z[o + j] - max);
            double logTotal = Math.log(total);
            for (int j = 0; j < c; j++) {
                mass += y[o + j];
                if (y[o + j] != 0) sum -= y[o + j] * (z[o + j] - max - logTotal);
            }
            if (g == null) continue;
            for (int j = 0; j < c; j++) {
                g[o + j] = (float) ((Math.exp(z[o + j] - max - logTotal) * mass - y[o + j]) / n);
            }
        }
        return sum / n;
    }

    /**
     * Keras's categorical cross-entropy on probabilities: each row scaled to sum to 1, clipped to [ε, 1−ε], then
     * {@code −Σ_j y_j log q_j}, averaged over rows; the gradient goes back through the scaling (none where clipped).
     */
    private static double categoricalOnProbabilities(float[] p, int n, int c, float[] y, float[] g) {
        double sum = 0;
        double[] dq = new double[c];
        for (int r = 0; r < n; r++) {
            int o = r * c;
            double total = 0;
            for (int j = 0; j < c; j++) total += p[o + j];
            double weighted = 0;
            for (int j = 0; j < c; j++) {
                double scaled = p[o + j] / total, q = Math.clamp(scaled, EPSILON, 1 - EPSILON);
                sum -= y[o + j] * Math.log(q);
                dq[j] = q == scaled ? -y[o + j] / q : 0;
                weighted += dq[j] * p[o + j];
            }
            if (g == null) continue;
            // q_j = p_j / S: dL/dp_i = dL/dq_i / S − Σ_j dL/dq_j p_j / S²
            for (int j = 0; j < c; j++) g[o + j] = (float) ((dq[j] / total - weighted / (total * total)) / n);
        }
        return sum / n;
    }

    /**
     * Targets the loss can use, checked by {@code fit} and {@code evaluate} before any work: finite numbers; for
     * binary_crossentropy probabilities in [0, 1]; for sparse_categorical_crossentropy class ids below
     * {@code classes}, the output's width (unchecked when {@link Shape#NONE}).
     */
    static void checkTargets(Loss loss, Tensor y, int classes, String what) {
        float[] v = y.data();
        for (int i = 0; i < v.length; i++) {
            float t = v[i];
            String problem = !Float.isFinite(t) ? what + " must hold finite numbers"
                    : loss == Loss.BINARY_CROSSENTROPY && (t < 0 || t > 1)
                    ? "binary_crossentropy expects targets in [0, 1]"
                    : loss == Loss.CATEGORICAL_CROSSENTROPY && (t < 0 || t > 1)
                    ? "categorical_crossentropy expects one-hot or probability targets in [0, 1]"
                    : loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY && !isClassId(t, classes)
                    ? "sparse_categorical_crossentropy expects class ids in [0, " + classes + ")"
                    : null;
            if (problem != null) {
                throw new IllegalArgumentException(problem + ", got " + t + " at index " + i + " of " + what + " "
                        + Shapes.str(y.shape()));
            }
        }
    }

    private static boolean isClassId(float t, int classes) {
        return t >= 0 && t == Math.rint(t) && (classes <= 0 || t < classes);
    }

    /** The targets as class ids; {@link #checkTargets} has refused any that are not. */
    private static int[] classIds(float[] y) {
        int[] ids = new int[y.length];
        for (int i = 0; i < y.length; i++) ids[i] = (int) y[i];
        return ids;
    }

    private static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (v[off + j] > v[off + best]) best = j;
        return best;
    }
}
