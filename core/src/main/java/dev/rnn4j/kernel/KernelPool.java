package dev.rnn4j.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one shared pool of kernel threads. Kernels split their work into independent tasks and call
 * {@link #parallelFor}; the calling thread works on tasks too, so a pool of {@code threads()} uses
 * {@code threads() - 1} daemon workers plus the caller.
 *
 * <pre>{@code
 * // scale every row of x[rows×cols] by 2, rows spread over the cores
 * KernelPool.parallelFor(rows, r -> { for (int j = 0; j < cols; j++) x[r * cols + j] *= 2; });
 *
 * // element-wise work in chunks of at least 4096 elements; small arrays run inline
 * KernelPool.parallelRange(x.length, 4096, (from, to) -> { for (int i = from; i < to; i++) x[i] *= 2; });
 * }</pre>
 *
 * The size is {@code Runtime.availableProcessors()} unless the system property {@code rnn4j.threads}
 * or {@link #setThreads} says otherwise. Work runs inline (no hand-off, no waiting) when there is one
 * task, one thread, when called from inside a pool task (nested use), or when another caller is
 * already using the pool; results must therefore never depend on which thread runs a task.
 */
public final class KernelPool {
    /** Workers spin this long after a job before parking: per-timestep kernels arrive back to back. */
    private static final long SPIN_NANOS = 50_000;

    /** Worker threads are named this plus their index (profilers and allocation counters find them by it). */
    public static final String THREAD_NAME_PREFIX = "rnn4j-kernel-";

    private static final Object CONFIG_LOCK = new Object();
    private static volatile Workers workers;

    private KernelPool() {}

    /** The body of {@link #parallelRange}: handles elements {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Number of threads kernels may use, the caller included. */
    public static int threads() {
        return current().size;
    }

    /**
     * Threads a {@link #parallelFor} started here would get: 1 inside another parallel loop (nested loops
     * run their tasks inline), else {@link #threads()}. Kernels split their work by this, so a product
     * called from inside a parallel loop runs as one piece instead of several inline pieces that each
     * repeat the packing (measured on an LSTM layer step: 32 rows split 8 ways packed A 8 times).
     */
    public static int availableThreads() {
        Workers w = current();
        return Thread.currentThread() instanceof Worker || w.busy.get() ? 1 : w.size;
    }

    /** Resizes the pool (e.g. from a {@code --threads} option); 1 makes every kernel single-threaded. */
    public static void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        synchronized (CONFIG_LOCK) {
            Workers old = workers;
            if (old != null && old.size == threads) return;
            workers = new Workers(threads);
            if (old != null) old.shutdown();
        }
    }

    /** Runs {@code body.accept(t)} for every {@code t} in {@code [0, tasks)}, spread over the pool. */
    public static void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 0) return;
        Workers w = tasks == 1 ? null : current();
        if (w == null || w.size == 1 || Thread.currentThread() instanceof Worker
                || !w.busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        try {
            w.run(new Job(body, tasks, Thread.currentThread()));
        } finally {
            w.busy.set(false);
        }
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous chunks of at least {@code grain}
     * elements and runs {@code body} on each; with {@code n <= grain} it is one inline call.
     */
    public static void parallelRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int chunks = (int) Math.min(threads(), Math.max(1L, n / Math.max(1, grain)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        parallelFor(chunks, t -> body.run((int) ((long) n * t / chunks), (int) ((long) n * (t + 1) / chunks)));
    }

    private static Workers current() {
        Workers w = workers;
        if (w != null) return w;
        synchronized (CONFIG_LOCK) {
            if (workers == null) workers = new Workers(configuredThreads());
            return workers;
        }
    }

    private static int configuredThreads() {
        String property = System.getProperty("rnn4j.threads");
        if (property == null || property.isBlank()) return Runtime.getRuntime().availableProcessors();
        try {
            int n = Integer.parseInt(property.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below with the offending value
        }
        throw new IllegalArgumentException("system property rnn4j.threads must be a positive integer, got '"
                + property + "'");
    }

    /** One parallelFor call: tasks are claimed with an atomic counter, so stale workers find none left. */
    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger unfinished;
        volatile Throwable failure;

        Job(IntConsumer body, int tasks, Thread caller) {
            this.body = body;
            this.tasks = tasks;
            this.caller = caller;
            this.unfinished = new AtomicInteger(tasks);
        }

        void work() {
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    if (failure == null) failure = e;
                }
                if (unfinished.decrementAndGet() == 0) LockSupport.unpark(caller);
            }
        }
    }

    private static final class Worker extends Thread {
        private final Workers owner;

        Worker(Workers owner, int index) {
            super(THREAD_NAME_PREFIX + index);
            this.owner = owner;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            long idleSince = System.nanoTime();
            while (!owner.stopped) {
                Job job = owner.job;
                if (job != null && job != last) {
                    last = job;
                    job.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(owner);   // unparked by the next job or by shutdown
                }
            }
        }
    }

    private static final class Workers {
        final int size;
        final Worker[] threads;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Job job;
        volatile boolean stopped;

        Workers(int size) {
            this.size = size;
            this.threads = new Worker[size - 1];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = new Worker(this, i + 1);
                threads[i].start();
            }
        }

        void run(Job j) {
            job = j;
            for (Worker t : threads) LockSupport.unpark(t);
            j.work();
            long start = System.nanoTime();
            while (j.unfinished.get() != 0) {
                if (System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            job = null;
            Throwable failure = j.failure;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException("kernel task failed", failure);
        }

        void shutdown() {
            stopped = true;
            for (Worker t : threads) LockSupport.unpark(t);
        }
    }
}
