package dev.rnn4j.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/**
 * Numerical gradient check of the fast float32 recurrent layers and cells: the analytic gradients of their
 * backward pass against central differences of {@link ReferenceRecurrent} (double precision), for every
 * element of every parameter, of the input and of the initial states.
 *
 * <pre>{@code
 * GradCheckResult r = GradCheck.run(GradCheckConfig.of(RecurrentKind.LSTM).withLayers(2).withPacked(true));
 * System.out.println(GradCheck.format(r));   // one line per tensor: name, shape, worst error, OK/FAIL
 * }</pre>
 *
 * The loss is L = Σ output·g_out + Σ h_n·g_hn (+ Σ c_n·g_cn) with random upstream gradients g, so every
 * output element contributes with its own weight. Per element the error is
 * <pre>  |a − n| / max(|a|, |n|, floor),   floor = 1e-3 · max_k max(|a_k|, |n_k|) over the tensor</pre>
 * with a the analytic and n the numerical gradient. Why the floor: float32 backward sums carry absolute
 * rounding error of roughly 1e-7 of the tensor's largest entries, so an entry that is tiny by cancellation
 * cannot have a small relative error; below the floor the measure becomes an absolute error of 1e-3 of
 * the largest entry, above it a plain relative one.
 *
 * <p>ReLU is not differentiable at 0: a pre-activation within {@link #EPS} of 0 would make the central
 * difference straddle the kink. With random inputs that has a chance of about 1e-6 per pre-activation, so
 * an isolated relu failure is worth re-running with another seed before suspecting the layer.
 */
public final class GradCheck {
    /**
     * Float32 backward against a double reference: rounding of ~1e-7 per operation, grown over a few
     * steps and layers, stays below ~1e-5 here; a wrong term (gate order, a missed mask, a transposed
     * index) is off by 1e-2 and more. 1e-3 sits between with a wide margin on both sides.
     */
    public static final double GRADIENT_TOLERANCE = 1e-3;

    /** Forward results, relative to the tensor's largest magnitude: float32 rounding, as the golden cases allow. */
    public static final double FORWARD_TOLERANCE = 1e-5;

    /**
     * Central-difference step. In double, truncation error ~eps²·|L'''| ≈ 1e-12 and cancellation error
     * ~1e-16·|L|/eps ≈ 1e-10·|L| are both far below the float32 noise being measured.
     */
    public static final double EPS = 1e-6;

    /** Relative floor of the error measure, see the class comment. */
    static final double FLOOR = 1e-3;

    private GradCheck() {}

    public static GradCheckResult run(GradCheckConfig config) { return run(config, (name, gradient) -> {}); }

    /**
     * As {@link #run(GradCheckConfig)}, but lets {@code analyticHook} see (and alter) each analytic gradient
     * before it is compared, so a test can show that a wrong gradient is caught.
     */
    static GradCheckResult run(GradCheckConfig config, BiConsumer<String, float[]> analyticHook) {
        GradProblem problem = config.cell() ? CellUnderTest.build(config) : LayerUnderTest.build(config);
        List<TensorError> errors = new ArrayList<>();
        double worst = 0;
        for (GradProblem.Variable v : problem.variables()) {
            double[] numeric = numericGradient(v.values(), problem.referenceLoss());
            float[] analytic = problem.analytic().get(v.name());
            if (analytic == null) analytic = new float[v.values().length];
            analyticHook.accept(v.name(), analytic);
            TensorError e = compare(v.name(), v.shape(), analytic, numeric);
            errors.add(e);
            worst = Double.isNaN(e.maxRelError()) ? Double.NaN : Math.max(worst, e.maxRelError());
        }
        boolean passed = worst <= GRADIENT_TOLERANCE;   // false for NaN
        for (TensorError f : problem.forward()) passed &= f.maxRelError() <= FORWARD_TOLERANCE;
        return new GradCheckResult(config, problem.forward(), errors, worst, passed);
    }

    /**
     * The same check for a model outside this package: {@code loss} is a double-precision twin of the model's
     * loss that reads {@code values} in place (the model's float32 values as doubles), {@code analytic} the
     * model's gradient of that loss; the result is the error measure of the class comment, compared by the caller
     * with {@link #GRADIENT_TOLERANCE}.
     *
     * <pre>{@code
     * TensorError e = GradCheck.compareWithNumeric("head.weight", shape, values, grad, reference::loss);
     * assertTrue(e.maxRelError() <= GradCheck.GRADIENT_TOLERANCE, e.toString());
     * }</pre>
     */
    public static TensorError compareWithNumeric(String name, int[] shape, double[] values, float[] analytic,
                                                 DoubleSupplier loss) {
        return compare(name, shape, analytic, numericGradient(values, loss));
    }

    /** dL/dv[i] ≈ (L(v + eps·e_i) − L(v − eps·e_i)) / 2·eps, perturbing v in place and restoring it. */
    static double[] numericGradient(double[] v, DoubleSupplier loss) {
        double[] n = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double saved = v[i];
            v[i] = saved + EPS;
            double plus = loss.getAsDouble();
            v[i] = saved - EPS;
            double minus = loss.getAsDouble();
            v[i] = saved;
            n[i] = (plus - minus) / (2 * EPS);
        }
        return n;
    }

    /** The error measure of the class comment, worst over the tensor. */
    static TensorError compare(String name, int[] shape, float[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) {
            return new TensorError(name, shape, Double.POSITIVE_INFINITY, -1, analytic.length, numeric.length);
        }
        double largest = 0;
        for (int i = 0; i < numeric.length; i++) {
            largest = Math.max(largest, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
        }
        double floor = Math.max(FLOOR * largest, Double.MIN_NORMAL);
        double worst = 0;
        int at = numeric.length == 0 ? -1 : 0;
        for (int i = 0; i < numeric.length; i++) {
            double a = analytic[i], n = numeric[i];
            double err = Math.abs(a - n) / Math.max(Math.max(Math.abs(a), Math.abs(n)), floor);
            if (!(err <= worst)) {   // NaN counts as worst
                worst = err;
                at = i;
                if (Double.isNaN(err)) break;
            }
        }
        return new TensorError(name, shape, worst, at, at < 0 ? 0 : analytic[at], at < 0 ? 0 : numeric[at]);
    }

    /**
     * A printable table: the configuration, then one line per tensor (forward results first) with name,
     * shape, worst error and OK/FAIL; failing lines also show the worst element and both values there.
     */
    public static String format(GradCheckResult result) {
        StringBuilder s = new StringBuilder();
        s.append("gradcheck ").append(result.config().describe()).append('\n');
        s.append(String.format(Locale.ROOT, "%-22s %-12s %-10s %s%n", "tensor", "shape", "worst err", "status"));
        for (TensorError e : result.forward()) line(s, "forward " + e.name(), e, FORWARD_TOLERANCE);
        for (TensorError e : result.errors()) line(s, e.name(), e, GRADIENT_TOLERANCE);
        s.append(String.format(Locale.ROOT, "worst gradient error %.2e (tolerance %.0e, forward %.0e): %s",
                result.worst(), GRADIENT_TOLERANCE, FORWARD_TOLERANCE, result.passed() ? "PASSED" : "FAILED"));
        return s.toString();
    }

    private static void line(StringBuilder s, String name, TensorError e, double tolerance) {
        boolean ok = e.maxRelError() <= tolerance;
        s.append(String.format(Locale.ROOT, "%-22s %-12s %-10.2e %s", name, Arrays.toString(e.shape()),
                e.maxRelError(), ok ? "OK" : "FAIL"));
        if (!ok && e.worstIndex() >= 0) {
            s.append(String.format(Locale.ROOT, "  at %s: fast %.6g, reference %.6g",
                    Arrays.toString(index(e.worstIndex(), e.shape())), e.actual(), e.expected()));
        }
        s.append('\n');
    }

    /** Row-major flat index to a multi-index of {@code shape}. */
    static int[] index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }
}
