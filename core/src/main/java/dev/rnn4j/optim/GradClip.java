package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;

import java.util.List;

/**
 * Gradient clipping by global norm, PyTorch's {@code torch.nn.utils.clip_grad_norm_} (L2):
 * {@code ‖g‖ = √(Σ_p Σ_i g²)} over all parameters, and when {@code c = maxNorm / (‖g‖ + 1e-6) < 1}
 * every gradient is multiplied by {@code c}.
 *
 * <pre>{@code
 * double norm = GradClip.clipGradNorm(model.parameters(), 1.0);   // the norm before clipping
 * }</pre>
 */
public final class GradClip {
    private GradClip() {}

    /** Clips in place and returns the total norm before clipping (computed in double). */
    public static double clipGradNorm(List<Parameter> parameters, double maxNorm) {
        requireMaxNorm(maxNorm);
        double norm = norm(parameters);
        float c = clipCoefficient(norm, maxNorm);
        if (c < 1f) {
            for (Parameter p : parameters) scale(p.grad(), p.offset(), p.size(), c);
        }
        return norm;
    }

    /** The same over a model's flat gradient array: one pass, no per-parameter loop. */
    public static double clipGradNorm(ParameterBuffer buffer, double maxNorm) {
        requireMaxNorm(maxNorm);
        double norm = norm(buffer);
        float c = clipCoefficient(norm, maxNorm);
        if (c < 1f) scale(buffer.grad(), 0, buffer.size(), c);
        return norm;
    }

    /** The total norm of the gradients, as {@link #clipGradNorm(List, double)} measures it, without clipping. */
    public static double norm(List<Parameter> parameters) {
        SquareSum sum = new SquareSum();
        for (Parameter p : parameters) sum.add(p.grad(), p.offset(), p.size());
        return Math.sqrt(sum.total());
    }

    /** The total norm of a flat gradient array, as {@link #clipGradNorm(ParameterBuffer, double)} measures it. */
    public static double norm(ParameterBuffer buffer) {
        SquareSum sum = new SquareSum();
        sum.add(buffer.grad(), 0, buffer.size());
        return Math.sqrt(sum.total());
    }

    /** PyTorch adds 1e-6 to the norm so an all-zero gradient does not divide by zero. */
    private static float clipCoefficient(double norm, double maxNorm) {
        double c = maxNorm / (norm + 1e-6);
        return c < 1 ? (float) c : 1f;
    }

    /**
     * Σ g² in double, where each square is exact, in four running sums: element k of the whole sequence (all
     * parameters in order) goes to sum k mod 4, since a single sum waits for each add before the next. So the
     * list form and the flat-buffer form add the same numbers in the same order and agree bit for bit.
     */
    private static final class SquareSum {
        private final double[] sums = new double[4];
        private long count;

        void add(float[] g, int off, int n) {
            int i = off, end = off + n;
            for (; i < end && (count & 3) != 0; i++) addOne(g[i]);
            double s0 = sums[0], s1 = sums[1], s2 = sums[2], s3 = sums[3];
            int aligned = i;
            for (; i + 4 <= end; i += 4) {
                s0 += (double) g[i] * g[i];
                s1 += (double) g[i + 1] * g[i + 1];
                s2 += (double) g[i + 2] * g[i + 2];
                s3 += (double) g[i + 3] * g[i + 3];
            }
            count += i - aligned;
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            for (; i < end; i++) addOne(g[i]);
        }

        private void addOne(float x) {
            sums[(int) (count++ & 3)] += (double) x * x;
        }

        double total() { return (sums[0] + sums[1]) + (sums[2] + sums[3]); }
    }

    private static void scale(float[] g, int off, int n, float c) {
        for (int i = off; i < off + n; i++) g[i] *= c;
    }

    private static void requireMaxNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm maxNorm must be a positive finite number, got " + maxNorm);
        }
    }
}
