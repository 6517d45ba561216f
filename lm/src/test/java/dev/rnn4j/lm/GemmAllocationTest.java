package dev.rnn4j.lm;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.kernel.PackedMatrix;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once C2 has compiled them, the matrix products ({@link Gemm}) allocate nothing: every vector stays in a
 * register. A vector that C2 cannot keep there is boxed, an object per vector per call (seen on an Intel Xeon:
 * 120 MB per training step). Here rather than in the core module: it reads each thread's allocation counter.
 */
class GemmAllocationTest {
    private static final long DEADLINE_NANOS = 30_000_000_000L;

    @Test
    void compiledProductsAllocateNothing() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int threads = KernelPool.threads();
        KernelPool.setThreads(1);   // all work on this thread, where the allocation is counted
        try {
            // 65 rows: 8 full panels and a 1-row edge (the 4-row tile); k 70 leaves a tail after the 8-step blocks;
            // every transpose combination, so each packing path runs.
            int m = 65, n = 96, k = 70;
            Rng rng = new Rng(4);
            float[] a = randoms(rng, m * k), b = randoms(rng, k * n), c = new float[m * n];
            PackedMatrix packed = new PackedMatrix().pack(true, k, n, randoms(rng, n * k), 0, k);
            Runnable round = () -> {
                for (int i = 0; i < 20; i++) {
                    Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
                    Gemm.sgemm(true, false, m, n, k, a, 0, m, b, 0, n, 1f, c, 0, n);
                    Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0.5f, c, 0, n);
                    Gemm.sgemm(true, true, m, n, k, a, 0, m, b, 0, k, 1f, c, 0, n);
                    Gemm.sgemm(false, m, a, 0, k, packed, 1f, c, 0, n);
                }
            };
            // Until C2 has compiled the kernels they run with boxes: warm up until a round allocates nothing.
            long start = System.nanoTime(), last;
            do {
                long before = mx.getCurrentThreadAllocatedBytes();
                round.run();
                last = mx.getCurrentThreadAllocatedBytes() - before;
            } while (last > 0 && System.nanoTime() - start < DEADLINE_NANOS);
            assertTrue(last == 0, "a round of 100 products still allocated " + last + " bytes after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms of warm-up: a vector is boxed");
        } finally {
            KernelPool.setThreads(threads);
        }
    }

    private static float[] randoms(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }
}
