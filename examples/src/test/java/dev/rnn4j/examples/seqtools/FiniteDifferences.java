package dev.rnn4j.examples.seqtools;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a composed model's backward against central differences of its loss, element by element of its
 * flat parameter buffer. The model runs in float32, so the step is large (1e-2) and the tolerance loose
 * (5% of the larger magnitude plus 5e-5): enough to catch a wrong or missing term, which is off by far more.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Checks every element of the parameter buffer.
     *
     * @param params the model's parameters, gradients already computed for {@code loss} at the current values
     * @param loss   recomputes the loss (deterministically) at the current values
     */
    public static void check(ModelParameters params, DoubleSupplier loss) {
        float[] w = params.buffer().data(), g = params.buffer().grad().clone();
        double eps = 1e-2;
        int nonzero = 0;
        for (int i = 0; i < w.length; i++) {
            float saved = w[i];
            w[i] = (float) (saved + eps);
            double up = loss.getAsDouble();
            w[i] = (float) (saved - eps);
            double down = loss.getAsDouble();
            w[i] = saved;
            double numeric = (up - down) / (2 * eps);
            double err = Math.abs(numeric - g[i]);
            assertTrue(err <= 0.05 * Math.max(Math.abs(numeric), Math.abs(g[i])) + 5e-5,
                    "parameter element " + i + " of " + w.length + ": backward " + g[i]
                    + ", central difference " + numeric);
            if (g[i] != 0f) nonzero++;
        }
        assertTrue(nonzero > w.length / 2, "only " + nonzero + " of " + w.length + " gradient elements are non-zero");
    }
}
