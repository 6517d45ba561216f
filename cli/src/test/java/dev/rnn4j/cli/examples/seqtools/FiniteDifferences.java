package dev.rnn4j.cli.examples.seqtools;

import dev.rnn4j.tensor.Rng;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a composed model's backward against central differences of its loss, on sampled elements of its
 * flat parameter buffer. The model runs in float32, so the step is large (1e-2) and the tolerance loose
 * (5% of the larger magnitude plus 2e-4): enough to catch a wrong or missing term, which is off by far more.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * @param params    the model's parameters, gradients already computed for {@code loss} at the current values
     * @param loss      recomputes the loss (deterministically) at the current values
     * @param samples   how many parameter elements to check
     */
    public static void check(ModelParameters params, DoubleSupplier loss, int samples, long seed) {
        float[] w = params.buffer().data(), g = params.buffer().grad().clone();
        Rng rng = new Rng(seed);
        double eps = 1e-2;
        int checked = 0;
        for (int tries = 0; checked < samples && tries < samples * 50; tries++) {
            int i = rng.nextInt(w.length);
            if (g[i] == 0f && rng.nextFloat() < 0.9f) continue;   // mostly check elements that got a gradient
            float saved = w[i];
            w[i] = (float) (saved + eps);
            double up = loss.getAsDouble();
            w[i] = (float) (saved - eps);
            double down = loss.getAsDouble();
            w[i] = saved;
            double numeric = (up - down) / (2 * eps);
            double err = Math.abs(numeric - g[i]);
            assertTrue(err <= 0.05 * Math.max(Math.abs(numeric), Math.abs(g[i])) + 2e-4,
                    "parameter element " + i + ": backward " + g[i] + ", central difference " + numeric);
            checked++;
        }
        assertTrue(checked == samples, "checked only " + checked + " elements");
    }
}
