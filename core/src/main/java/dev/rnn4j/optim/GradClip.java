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
        double sumSq = 0;
        for (Parameter p : parameters) sumSq += sumOfSquares(p.grad(), p.offset(), p.size());
        double norm = Math.sqrt(sumSq);
        float c = clipCoefficient(norm, maxNorm);
        if (c < 1f) {
            for (Parameter p : parameters) scale(p.grad(), p.offset(), p.size(), c);
        }
        return norm;
    }

    /** The same over a model's flat gradient array: one pass, no per-parameter loop. */
    public static double clipGradNorm(ParameterBuffer buffer, double maxNorm) {
        requireMaxNorm(maxNorm);
        double norm = Math.sqrt(sumOfSquares(buffer.grad(), 0, buffer.size()));
        float c = clipCoefficient(norm, maxNorm);
        if (c < 1f) scale(buffer.grad(), 0, buffer.size(), c);
        return norm;
    }

    /** The total norm of the gradients, as {@link #clipGradNorm(List, double)} measures it, without clipping. */
    public static double norm(List<Parameter> parameters) {
        double sumSq = 0;
        for (Parameter p : parameters) sumSq += sumOfSquares(p.grad(), p.offset(), p.size());
        return Math.sqrt(sumSq);
    }

    /** The total norm of a flat gradient array, as {@link #clipGradNorm(ParameterBuffer, double)} measures it. */
    public static double norm(ParameterBuffer buffer) {
        return Math.sqrt(sumOfSquares(buffer.grad(), 0, buffer.size()));
    }

    /** PyTorch adds 1e-6 to the norm so an all-zero gradient does not divide by zero. */
    private static float clipCoefficient(double norm, double maxNorm) {
        double c = maxNorm / (norm + 1e-6);
        return c < 1 ? (float) c : 1f;
    }

    private static double sumOfSquares(float[] g, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) s += (double) g[i] * g[i];
        return s;
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
