package dev.rnn4j.check;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One layer or cell set up for checking: the fast layer has already run forward and backward, and the
 * reference is ready to recompute the loss after any variable is perturbed in place.
 *
 * @param variables     parameters (PyTorch order and names), then input, h0, c0, as double copies of the
 *                      float32 values; the reference reads these very arrays
 * @param referenceLoss loss = Σ out·gout (+ Σ h_n·gout_h_n + Σ c_n·gout_c_n) by the reference, in double
 * @param analytic      the fast layer's gradient of the same loss for each variable name
 * @param forward       the fast layer's forward results against the reference's
 */
record GradProblem(List<Variable> variables, DoubleSupplier referenceLoss, Map<String, float[]> analytic,
                   List<TensorError> forward) {

    /** A tensor the loss depends on, as double values the reference reads in place. */
    record Variable(String name, int[] shape, double[] values) {}

    /**
     * Adds each parameter as a variable (values copied to double) with its accumulated gradient as the
     * analytic one; returns the double values by name, for the reference.
     */
    static Map<String, double[]> addParameters(List<Parameter> parameters, List<Variable> variables,
                                               Map<String, float[]> analytic) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            double[] v = new double[p.size()];
            float[] g = new float[p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = p.data()[p.offset() + i];
                g[i] = p.grad()[p.offset() + i];
            }
            byName.put(p.name(), v);
            variables.add(new Variable(p.name(), p.shape(), v));
            analytic.put(p.name(), g);
        }
        return byName;
    }

    /**
     * Adds an input or initial state as a variable with the layer's gradient for it (null = zeros, which then
     * fails against a non-zero numerical gradient); returns its double values. Null {@code value}: nothing.
     */
    static double[] addInput(String name, Tensor value, Tensor gradient, List<Variable> variables,
                             Map<String, float[]> analytic) {
        if (value == null) return null;
        double[] v = toDouble(value.data());
        variables.add(new Variable(name, value.shape(), v));
        analytic.put(name, gradient == null ? new float[v.length] : gradient.data().clone());
        return v;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** Σ y·g, with g the float32 upstream gradient (null y or g contributes nothing). */
    static double dot(double[] y, Tensor g) {
        if (y == null || g == null) return 0;
        float[] gd = g.data();
        double s = 0;
        for (int i = 0; i < y.length; i++) s += y[i] * gd[i];
        return s;
    }

    /**
     * Forward agreement: max |fast − reference| over the tensor, relative to the reference's largest
     * magnitude (as the golden cases measure it), so values near zero are not held to a relative bound.
     */
    static TensorError forwardError(String name, Tensor fast, double[] reference) {
        if (fast == null) {
            return new TensorError(name, new int[0], Double.POSITIVE_INFINITY, -1, Double.NaN, Double.NaN);
        }
        float[] f = fast.data();
        if (f.length != reference.length) {
            return new TensorError(name, fast.shape(), Double.POSITIVE_INFINITY, -1, f.length, reference.length);
        }
        double largest = 0, worstDiff = -1;
        int worst = -1;
        for (int i = 0; i < f.length; i++) {
            largest = Math.max(largest, Math.abs(reference[i]));
            double diff = Math.abs(f[i] - reference[i]);
            if (!(diff <= worstDiff)) {   // NaN counts as worst
                worstDiff = diff;
                worst = i;
            }
        }
        if (worst < 0) return new TensorError(name, fast.shape(), 0, -1, 0, 0);
        double rel = worstDiff == 0 ? 0 : worstDiff / Math.max(largest, Double.MIN_NORMAL);
        return new TensorError(name, fast.shape(), rel, worst, f[worst], reference[worst]);
    }
}
