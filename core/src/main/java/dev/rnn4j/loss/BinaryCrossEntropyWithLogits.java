package dev.rnn4j.loss;

import dev.rnn4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits, PyTorch's {@code F.binary_cross_entropy_with_logits} with mean
 * reduction. Per element, with σ the logistic function,
 * {@code ℓ = −[y·log σ(x) + (1−y)·log(1−σ(x))]}, evaluated in the overflow-free form
 * {@code ℓ = max(x, 0) − x·y + log(1 + e^(−|x|))}; {@code dℓ/dx = σ(x) − y}.
 *
 * <pre>{@code
 * double l = new BinaryCrossEntropyWithLogits().compute(logits, labels, dLogits);   // labels in [0, 1]
 * }</pre>
 */
public final class BinaryCrossEntropyWithLogits implements Loss<Tensor> {
    @Override
    public double compute(Tensor input, Tensor target, float[] dInput) {
        LossChecks.sameShape("BinaryCrossEntropyWithLogits", input, target);
        LossChecks.gradientLength("BinaryCrossEntropyWithLogits", input, dInput);
        float[] x = input.data(), y = target.data();
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], yi = y[i];
            sum += Math.max(xi, 0) - xi * yi + Math.log1p(Math.exp(-Math.abs(xi)));
            if (dInput != null) dInput[i] = (float) ((sigmoid(xi) - yi) / n);
        }
        return sum / n;
    }

    /** σ(x) without overflow: e^x is only taken for x < 0. */
    static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
