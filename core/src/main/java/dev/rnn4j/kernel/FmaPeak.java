package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static dev.rnn4j.kernel.GemmMicroKernel.L;
import static dev.rnn4j.kernel.GemmMicroKernel.S;

/**
 * The machine's measured float32 FMA peak: a register-only loop of independent vector FMAs on every kernel
 * thread, no memory traffic. What a GEMM or a training step reaches is reported as a share of it.
 *
 * <pre>{@code
 * double peak = FmaPeak.gflops(20_000_000);   // all kernel threads, GFLOP/s (an FMA counts as 2)
 * }</pre>
 *
 * Each chain is written as a GEMM accumulator is, {@code acc = x·y + acc}: C2 then emits one
 * {@code vfmadd231ps} per FMA with the accumulator as destination. The other form, {@code acc = acc·x + y},
 * made C2 copy registers around every FMA and spill chains to the stack; it measured about 58 GFLOP/s per
 * Zen 3 core where one dependent chain (4 cycles per FMA) shows a 2.85 GHz clock, i.e. a peak of
 * 2 pipes × 8 lanes × 2 flops × 2.85 GHz = 91, which this form reaches (88–91 on a loaded machine).
 */
public final class FmaPeak {
    /** Independent accumulators: enough to cover the FMA latency on two pipes (4 cycles × 2), within 16 registers. */
    private static final int CHAINS = 12;
    /** Timed runs per thread; each thread reports its fastest. */
    private static final int RUNS = 3;
    private static volatile boolean compiled;

    private FmaPeak() {}

    /**
     * Runs {@code iterations} rounds of {@value #CHAINS} vector FMAs on each kernel thread; returns GFLOP/s.
     * Each thread times itself by its own CPU time and the rates are added: the peak is what the cores can do,
     * not how much of them other processes left over while it ran (wall time on a loaded machine). Each thread
     * runs {@value #RUNS} times and keeps its fastest, after the loop has been called often enough to be
     * compiled normally: called only a few times, a long loop ran in the JIT's first tier on one thread (its
     * vectors boxed, 2 GFLOP/s) while the other ran compiled code, and the sum came out at one core's worth.
     */
    public static double gflops(int iterations) {
        if (!compiled) {
            for (int i = 0; i < 3000; i++) chains(1000);
            compiled = true;
        }
        int threads = KernelPool.threads();
        double[] sums = new double[threads], rates = new double[threads];
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        KernelPool.parallelFor(threads, t -> {
            for (int run = 0; run < RUNS; run++) {
                long start = clock.getCurrentThreadCpuTime();
                sums[t] += chains(iterations);
                double seconds = (clock.getCurrentThreadCpuTime() - start) / 1e9;
                rates[t] = Math.max(rates[t], 2.0 * L * CHAINS * iterations / seconds / 1e9);
            }
        });
        double check = 0, total = 0;
        for (int t = 0; t < threads; t++) {
            check += sums[t];
            total += rates[t];
        }
        if (!(check > 0)) throw new IllegalStateException("FMA loop summed to " + check);
        return total;
    }

    /**
     * acc ← x·y + acc with x·y = 2⁻²⁰: after 20 million rounds a chain holds about 19, far from overflow and
     * from subnormals, and the sum is used so the loop cannot be dropped.
     */
    private static double chains(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 1f / 1024), y = x;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        FloatVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10)
                .add(a11);
        double total = 0;
        for (int i = 0; i < L; i++) total += s.lane(i);
        return total;
    }
}
