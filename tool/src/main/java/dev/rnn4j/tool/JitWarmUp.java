package dev.rnn4j.tool;

import dev.rnn4j.kernel.KernelPool;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Leaves one core to the JIT while it compiles the kernels at the start of a run, then gives it back.
 *
 * <pre>{@code
 * JitWarmUp warmUp = JitWarmUp.begin();        // the kernel pool shrinks by one thread
 * for (...) { step(); warmUp.afterStep(); }    // back to full size once the JIT has settled
 * warmUp.finish();                             // at the latest when the run ends
 * }</pre>
 *
 * Why: the first steps run the Vector API kernels unintrinsified (interpreted, then C1) until C2 has compiled them
 * and the ~280 Java fallbacks of the Vector API that the early code made hot: seconds of compiling. On 2 cores a
 * second kernel thread takes the core the compiler threads need. Measured on an Intel Xeon (AVX-512, 2 cores), the
 * default model, six alternating pairs of runs: step 1 ended at 3.3–4.0 s against 4.3–5.0 s on two threads from
 * the start, step 20 about 1 s sooner, and the steps after the switch run as fast. Kernel results do not depend on
 * the thread count, so the switch changes no bit of the run.
 *
 * <p>"Settled" is read from the JIT's own clock ({@link CompilationMXBean#getTotalCompilationTime}, summed over the
 * compiler threads): once they used less than {@link #SETTLED_SHARE} of a core during a step, the pool returns to
 * its size (on that machine after the 4th to 6th step, 4.5 s in); after {@link #MAX_SECONDS} it returns whatever the
 * JIT does.
 */
public final class JitWarmUp {
    /** The compilers' busy share of one core below which the JIT counts as settled. */
    static final double SETTLED_SHARE = 0.25;
    /** The pool returns to full size after this long in any case. */
    static final double MAX_SECONDS = 30;

    private final LongSupplier jitMillis;
    private final LongSupplier clock;
    private final int threads;
    private final long startNanos;
    private long lastNanos;
    private long lastJitMillis;
    private boolean settled;

    /**
     * Shrinks the pool from {@code threads} to {@code threads - 1} unless {@code jitMillis} is null (nothing to
     * watch) or there is one thread. {@code clock} gives nanoseconds, {@code jitMillis} the compilers' total time.
     */
    JitWarmUp(LongSupplier jitMillis, LongSupplier clock, int threads) {
        this.jitMillis = jitMillis;
        this.clock = clock;
        this.threads = threads;
        this.startNanos = clock.getAsLong();
        this.lastNanos = startNanos;
        this.settled = jitMillis == null || threads < 2;
        this.lastJitMillis = settled ? 0 : jitMillis.getAsLong();
        if (!settled) KernelPool.setThreads(threads - 1);
    }

    /** Shrinks the kernel pool by one thread while the JIT compiles; nothing to do with one thread. */
    public static JitWarmUp begin() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new JitWarmUp(measurable ? jit::getTotalCompilationTime : null, System::nanoTime, KernelPool.threads());
    }

    /** Call after each step: returns the pool to full size once the JIT has settled. */
    public void afterStep() {
        if (settled) return;
        long now = clock.getAsLong(), jit = jitMillis.getAsLong();
        double share = (jit - lastJitMillis) / Math.max(1e-6, (now - lastNanos) / 1e6);
        lastNanos = now;
        lastJitMillis = jit;
        if (share < SETTLED_SHARE || (now - startNanos) / 1e9 >= MAX_SECONDS) finish();
    }

    /** Returns the pool to its full size now (also when a run ends during its warm-up). */
    public void finish() {
        if (settled) return;
        settled = true;
        KernelPool.setThreads(threads);
    }

    /** Whether the pool is back at full size. */
    public boolean settled() { return settled; }
}
