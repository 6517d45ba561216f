package dev.rnn4j.loss;

import dev.rnn4j.kernel.Rows;
import dev.rnn4j.kernel.SoftmaxRows;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/**
 * Cross-entropy from unnormalised logits {@code (N, C)} and class indices, PyTorch's
 * {@code F.cross_entropy} with mean reduction:
 * {@code ℓ_n = logsumexp(x_n) − x_n[t_n]}, {@code L = (1/N') Σ ℓ_n} over the N' rows whose target is
 * not {@code ignoreIndex}, and {@code dL/dx_n = (softmax(x_n) − onehot(t_n)) / N'} (zero for ignored rows).
 *
 * <pre>{@code
 * CrossEntropy ce = new CrossEntropy();                 // ignoreIndex = -100, as in PyTorch
 * double loss = ce.compute(logits.reshape(B * T, V), targets, dLogits);
 * float[] perRow = ce.perRow(logits, targets);          // evaluation: one loss per row
 * }</pre>
 *
 * The log-sum-exp subtracts the row maximum first so no exponent overflows; sums run in double.
 * If every target is ignored the mean is 0/0 = NaN, as in PyTorch, and the gradient is zero.
 */
public final class CrossEntropy implements Loss<int[]> {
    /** PyTorch's default {@code ignore_index}. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    /** Per-thread work arrays (row losses; one row's e^(x_j − m)), grown when needed: a step allocates nothing here. */
    private static final ThreadLocal<double[][]> ROW_LOSSES = ThreadLocal.withInitial(() -> new double[1][0]);
    private static final ThreadLocal<double[][]> EXPS = ThreadLocal.withInitial(() -> new double[1][0]);

    private final int ignoreIndex;

    public CrossEntropy() { this(DEFAULT_IGNORE_INDEX); }

    /** Rows whose target equals {@code ignoreIndex} contribute neither loss nor gradient. */
    public CrossEntropy(int ignoreIndex) { this.ignoreIndex = ignoreIndex; }

    public int ignoreIndex() { return ignoreIndex; }

    @Override
    public double compute(Tensor logits, int[] targets, float[] dLogits) {
        check(logits, targets);
        LossChecks.gradientLength("CrossEntropy", logits, dLogits);
        int n = logits.size(0), c = logits.size(1);
        return compute(logits.data(), n, c, targets, dLogits);
    }

    /** Flat form over {@code logits[n·c]}; {@code dLogits} (overwritten) may be null. */
    public double compute(float[] logits, int n, int c, int[] targets, float[] dLogits) {
        if (targets.length < n || logits.length < (long) n * c || (dLogits != null && dLogits.length < (long) n * c)) {
            throw new IllegalArgumentException("CrossEntropy over " + n + " rows of " + c + " classes needs " + n
                    + " targets and " + (long) n * c + " logits, got " + targets.length + " and " + logits.length
                    + (dLogits != null ? " (gradient array " + dLogits.length + ")" : ""));
        }
        int counted = 0;
        for (int r = 0; r < n; r++) {
            if (targets[r] != ignoreIndex) {
                checkTarget(targets, r, c);
                counted++;
            }
        }
        double invCount = counted == 0 ? 0 : 1.0 / counted;
        // rows are independent: each thread fills its rows' losses, summed below in row order (the same bits
        // for any thread count)
        double[] rowLosses = buffer(ROW_LOSSES, n);
        Rows.forRowRanges(n, c, (from, to) -> {
            double[] exps = buffer(EXPS, c);
            for (int r = from; r < to; r++) rowLosses[r] = row(logits, r * c, c, targets[r], invCount, dLogits, exps);
        });
        double sum = 0;
        for (int r = 0; r < n; r++) {
            if (targets[r] != ignoreIndex) sum += rowLosses[r];
        }
        return sum / counted;
    }

    /**
     * Row {@code off}'s loss {@code log Σ_j e^(x_j − m) − (x_t − m)} and, unless {@code dLogits} is null, its
     * gradient; 0 and a zero gradient for an ignored row. {@code exps} holds c values: each e^(x_j − m) once.
     */
    private double row(float[] logits, int off, int c, int t, double invCount, float[] dLogits, double[] exps) {
        if (t == ignoreIndex) {
            if (dLogits != null) java.util.Arrays.fill(dLogits, off, off + c, 0f);
            return 0;
        }
        double max = SoftmaxRows.max(logits, off, c);
        double z = SoftmaxRows.shiftedExps(logits, off, c, max, exps);
        if (dLogits != null) {
            // softmax(x)_j / N' = e^(x_j − m) / Σ e^(x_k − m) / N', minus 1/N' at the target.
            double scale = invCount / z;
            for (int j = 0; j < c; j++) dLogits[off + j] = (float) (exps[j] * scale);
            dLogits[off + t] = (float) ((exps[t] / z - 1) * invCount);
        }
        return Math.log(z) - (logits[off + t] - max);
    }

    private static double[] buffer(ThreadLocal<double[][]> holder, int n) {
        double[][] h = holder.get();
        if (h[0].length < n) h[0] = new double[n];
        return h[0];
    }

    /** Reduction "none": the loss of each row, 0 for ignored rows (as PyTorch). */
    public float[] perRow(Tensor logits, int[] targets) {
        check(logits, targets);
        int n = logits.size(0), c = logits.size(1);
        float[] out = new float[n];
        double[] exps = buffer(EXPS, c);
        for (int r = 0; r < n; r++) {
            if (targets[r] != ignoreIndex) {
                out[r] = (float) row(logits.data(), r * c, c, checkTarget(targets, r, c), 0, null, exps);
            }
        }
        return out;
    }

    private int checkTarget(int[] targets, int r, int c) {
        int t = targets[r];
        if (t < 0 || t >= c) {
            throw new IllegalArgumentException("CrossEntropy target " + t + " at row " + r + " is out of range [0, " + c
                    + ") (ignoreIndex " + ignoreIndex + ")");
        }
        return t;
    }

    private static void check(Tensor logits, int[] targets) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("CrossEntropy expects logits of shape (N, C), got "
                    + Shapes.str(logits.shape()) + "; reshape (B, T, C) logits to (B*T, C)");
        }
        if (targets.length != logits.size(0)) {
            throw new IllegalArgumentException("CrossEntropy expects " + logits.size(0)
                    + " targets for logits of shape " + Shapes.str(logits.shape()) + ", got " + targets.length);
        }
    }
}
