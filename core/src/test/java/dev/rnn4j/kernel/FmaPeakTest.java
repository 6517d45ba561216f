package dev.rnn4j.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FmaPeakTest {
    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** Every thread's rate is measured and added: a finite, positive figure for one thread and for several. */
    @Test
    void reportsAFinitePositiveRateForEveryPoolSize() {
        for (int threads : new int[] {1, 2}) {
            KernelPool.setThreads(threads);
            double gflops = FmaPeak.gflops(200_000);
            assertTrue(gflops > 0 && Double.isFinite(gflops), threads + " threads gave " + gflops);
        }
    }
}
