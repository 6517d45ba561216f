package dev.rnn4j.optim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ExponentialMovingAverageTest {
    @Test
    void theDecayWarmsUpAsTensorFlowsNumUpdatesThenStaysAtTheGivenValue() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(0.99, new float[1]);
        assertEquals(2.0 / 11, ema.decayAt(1), 1e-15);
        assertEquals(101.0 / 110, ema.decayAt(100), 1e-15);
        assertEquals(889.0 / 898, ema.decayAt(888), 1e-15, "below 0.99 until (10·0.99 − 1)/(1 − 0.99) = 890");
        assertEquals(0.99, ema.decayAt(890), 1e-15);
        assertEquals(0.99, ema.decayAt(1_000_000), 0);
        assertThrows(IllegalArgumentException.class, () -> ema.decayAt(0));
    }

    /** Against the recurrence evaluated in double precision from the same start and weights. */
    @Test
    void followsTheRecurrenceOverARunOfUpdates() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 37;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) rng.nextGaussian();
        ExponentialMovingAverage ema = new ExponentialMovingAverage(0.9, w);
        double[] reference = new double[n];
        for (int i = 0; i < n; i++) reference[i] = w[i];
        for (long step = 1; step <= 200; step++) {
            for (int i = 0; i < n; i++) w[i] += (float) (0.1 * rng.nextGaussian());
            ema.update(w, step);
            double d = Math.min(0.9, (1.0 + step) / (10.0 + step));
            for (int i = 0; i < n; i++) reference[i] = d * reference[i] + (1 - d) * w[i];
        }
        for (int i = 0; i < n; i++) {
            assertEquals(reference[i], ema.values()[i], 1e-5, "element " + i);
            assertNotEquals(w[i], ema.values()[i], "the average lags the last weights");
        }
    }

    /** An update large enough to be split over the kernel threads gives the bits of one thread's. */
    @Test
    void theBitsDoNotDependOnTheThreadCount() {
        float[] expected = null;
        try {
            for (int threads : new int[] {1, 2, 3}) {
                dev.rnn4j.kernel.KernelPool.setThreads(threads);
                SplittableRandom rng = new SplittableRandom(11);
                float[] w = new float[300_001];
                for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextGaussian();
                ExponentialMovingAverage ema = new ExponentialMovingAverage(0.99, w);
                for (long step = 1; step <= 3; step++) {
                    for (int i = 0; i < w.length; i++) w[i] += (float) (0.1 * rng.nextGaussian());
                    ema.update(w, step);
                }
                if (expected == null) expected = ema.values().clone();
                else assertArrayEquals(expected, ema.values(), 0f, threads + " threads");
            }
        } finally {
            dev.rnn4j.kernel.KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void swapExchangesBitForBitAndTwiceRestores() {
        float[] start = {1f, -2.5f, Float.MIN_VALUE, 3e-8f};
        ExponentialMovingAverage ema = new ExponentialMovingAverage(0.5, start);
        float[] w = {0.1f, 0.2f, 0.3f, 0.4f};
        ema.update(w, 1);
        float[] average = ema.values().clone(), weights = w.clone();
        ema.swap(w);
        assertArrayEquals(average, w, 0f);
        assertArrayEquals(weights, ema.values(), 0f);
        ema.swap(w);
        assertArrayEquals(weights, w, 0f);
        assertArrayEquals(average, ema.values(), 0f);
    }

    @Test
    void badDecaysAndSizesAreRefusedWithTheirValues() {
        for (double d : new double[] {0, 1, -0.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ExponentialMovingAverage(d, new float[2]));
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        }
        ExponentialMovingAverage ema = new ExponentialMovingAverage(0.9, new float[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ema.update(new float[3], 1));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }
}
