package dev.rnn4j.testing;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central differences {@code (L(x+ε) − L(x−ε)) / 2ε} for each element of a float array, the loss
 * evaluated and accumulated in double. With ε = 1e-2 the truncation error O(ε²) and the float32
 * rounding of the forward pass divided by 2ε are each around 1e-5 here; the tolerance 3e-4 (relative
 * to the largest gradient, at least 1) leaves room for both while a 1% error in a gradient fails.
 */
public final class NumericalGradient {
    public static final double EPS = 1e-2;
    public static final double TOLERANCE = 3e-4;

    private NumericalGradient() {}

    /** Perturbs {@code x[off .. off+n)} one element at a time (restoring it) and returns dL/dx. */
    public static double[] of(float[] x, int off, int n, DoubleSupplier loss) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            float saved = x[off + i];
            x[off + i] = (float) (saved + EPS);
            double up = loss.getAsDouble();
            x[off + i] = (float) (saved - EPS);
            double down = loss.getAsDouble();
            x[off + i] = saved;
            // Divide by the step actually taken after rounding to float.
            g[i] = (up - down) / ((double) (float) (saved + EPS) - (float) (saved - EPS));
        }
        return g;
    }

    public static double[] of(float[] x, DoubleSupplier loss) { return of(x, 0, x.length, loss); }

    /** Fails naming {@code what} and the worst index when |analytic − numeric| > TOLERANCE·max(1, max|numeric|). */
    public static void assertMatches(String what, double[] numeric, float[] analytic, int analyticOff) {
        double scale = 1;
        for (double v : numeric) scale = Math.max(scale, Math.abs(v));
        int worst = -1;
        double worstErr = 0;
        for (int i = 0; i < numeric.length; i++) {
            double err = Math.abs(analytic[analyticOff + i] - numeric[i]);
            if (err > worstErr) { worstErr = err; worst = i; }
        }
        if (worstErr > TOLERANCE * scale) {
            fail(what + ": analytic gradient differs from central differences at index " + worst + ": analytic "
                    + analytic[analyticOff + worst] + ", numeric " + numeric[worst] + " (error " + worstErr + ", scale "
                    + scale + ")");
        }
    }

    public static void assertMatches(String what, double[] numeric, float[] analytic) {
        assertMatches(what, numeric, analytic, 0);
    }

    /** {@code Σ y·w} in double: a loss whose gradient with respect to y is w. */
    public static double dot(float[] y, float[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += (double) y[i] * w[i];
        return s;
    }
}
