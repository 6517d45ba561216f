package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;

import static dev.rnn4j.kernel.GemmMicroKernel.L;
import static dev.rnn4j.kernel.GemmMicroKernel.S;

/**
 * The machine's measured float32 FMA peak: a register-only loop of independent vector FMAs on every kernel
 * thread, no memory traffic. What a GEMM or a training step reaches is reported as a share of it.
 *
 * <pre>{@code
 * double peak = FmaPeak.gflops(20_000_000);   // all kernel threads, GFLOP/s (an FMA counts as 2)
 * }</pre>
 */
public final class FmaPeak {
    /** Independent accumulators: enough to cover the FMA latency on two pipes (4 cycles × 2), within 16 registers. */
    private static final int CHAINS = 12;

    private FmaPeak() {}

    /** Runs {@code iterations} rounds of {@value #CHAINS} vector FMAs on each kernel thread; returns GFLOP/s. */
    public static double gflops(int iterations) {
        int threads = KernelPool.threads();
        double[] sums = new double[threads];
        long start = System.nanoTime();
        KernelPool.parallelFor(threads, t -> sums[t] = chains(iterations));
        double seconds = (System.nanoTime() - start) / 1e9;
        double check = 0;
        for (double s : sums) check += s;
        if (!(check > 0)) throw new IllegalStateException("FMA loop summed to " + check);
        return 2.0 * L * CHAINS * iterations * threads / seconds / 1e9;
    }

    /** a ← a·x + y converges to y / (1 − x) = 2: no overflow, no subnormals, and the sum is used. */
    private static double chains(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.5f), y = FloatVector.broadcast(S, 1f);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        FloatVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        double total = 0;
        for (int i = 0; i < L; i++) total += s.lane(i);
        return total;
    }
}
