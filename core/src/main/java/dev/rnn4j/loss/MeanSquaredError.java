package dev.rnn4j.loss;

import dev.rnn4j.tensor.Tensor;

/**
 * Mean squared error, PyTorch's {@code F.mse_loss} with mean reduction:
 * {@code L = (1/n) Σ (x − y)²}, {@code dL/dx = 2(x − y)/n}.
 *
 * <pre>{@code
 * double l = new MeanSquaredError().compute(prediction, target, dPrediction);
 * }</pre>
 */
public final class MeanSquaredError implements Loss<Tensor> {
    @Override
    public double compute(Tensor input, Tensor target, float[] dInput) {
        LossChecks.sameShape("MeanSquaredError", input, target);
        LossChecks.gradientLength("MeanSquaredError", input, dInput);
        float[] x = input.data(), y = target.data();
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
            if (dInput != null) dInput[i] = (float) (2.0 * d / n);
        }
        return sum / n;
    }
}
