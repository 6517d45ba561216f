package dev.rnn4j.nn;

import dev.rnn4j.kernel.KernelPool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One time loop's batch rows split over the kernel threads, each thread running every step for its share, with
 * rows handed over at step boundaries: a thread done with its share asks for work, and the next owner to reach
 * the end of a step gives it the upper half of its rows from that step on. Rows of a batch never interact inside a
 * layer, and each row still runs its steps in order on one thread at a time, so the bits are the same whoever
 * runs which rows; only the split adapts to threads that run at different speeds.
 *
 * <pre>{@code
 * // two threads, 64 rows: shares [0, 32) and [32, 64); if the second finishes first, it may take [16, 32) from
 * // step i on while the first goes on with [0, 16)
 * new RowShares(T, B, unit, body).run(tasks);
 * }</pre>
 *
 * Why: the two shares of a fixed split finished up to 14% apart on a 2-core VM whose vCPUs change speed from minute
 * to minute, and the faster thread waited for the other at the end of every time loop
 * (docs/results/2026-12-04T1235-*).
 */
final class RowShares {
    /** A thread's request for rows: answered by an owner with rows {@code [lo, hi)} from step {@code from} on. */
    private static final class Request {
        int lo, hi, from;
        volatile boolean answered;
    }

    private static final long SPIN_NANOS = 50_000;

    private final int steps, rows, unit;
    private final Steps.StepRows body;
    /** Shares being run (handed-over ones included): a request no running share can answer is withdrawn. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Request> wanted = new AtomicReference<>();

    RowShares(int steps, int rows, int unit, Steps.StepRows body) {
        this.steps = steps;
        this.rows = rows;
        this.unit = unit;
        this.body = body;
    }

    /**
     * Runs every step of every row, the rows first split into {@code shares} shares of whole units. Each pool task
     * claims shares until none is left, then helps: where the pool runs its tasks one after another (it is busy
     * elsewhere) the first task runs them all and no thread waits for a share that nobody has started.
     */
    void run(int shares) {
        int units = (rows + unit - 1) / unit;
        AtomicInteger nextShare = new AtomicInteger();
        KernelPool.parallelFor(shares, t -> {
            while (true) {
                running.incrementAndGet();                   // counted before it is claimed: no asker gives up early
                int k = nextShare.getAndIncrement();
                if (k >= shares) {
                    running.decrementAndGet();
                    break;
                }
                runShare(Math.min(rows, units * k / shares * unit), Math.min(rows, units * (k + 1) / shares * unit), 0);
            }
            help();
        });
    }

    /** Steps {@code from..steps-1} of rows {@code [lo, hi)}, counted in {@link #running}; gives half when asked. */
    private void runShare(int lo, int hi, int from) {
        try {
            for (int i = from; i < steps; i++) {
                Request r = wanted.get();
                if (r != null && hi - lo > unit && steps - i > 1 && wanted.compareAndSet(r, null)) {
                    int mid = lo + (hi - lo + unit - 1) / unit / 2 * unit;
                    running.incrementAndGet();               // before the answer: the asker now runs a share
                    r.lo = mid;
                    r.hi = hi;
                    r.from = i;
                    r.answered = true;                       // publishes the rows' state up to step i − 1 too
                    hi = mid;
                }
                body.run(i, lo, hi);
            }
        } finally {
            running.decrementAndGet();
        }
    }

    /** Asks for rows until no share is left to take them from. */
    private void help() {
        Request r = new Request();
        while (running.get() > 0) {
            if (!wanted.compareAndSet(null, r)) {             // another thread is asking: wait for its turn
                Thread.yield();
                continue;
            }
            long since = System.nanoTime();
            while (!r.answered && running.get() > 0) pause(since);
            // no share left: withdraw, unless an owner took the request just before finishing (then it answered)
            if (!r.answered && wanted.compareAndSet(r, null)) return;
            while (!r.answered) Thread.onSpinWait();
            runShare(r.lo, r.hi, r.from);
            r.answered = false;                               // the owner that answered has let go of it: ask again
        }
    }

    /**
     * A wait for an answer: spinning for the first {@link #SPIN_NANOS}, then yielding (an owner answers at the end of
     * its step, tens to hundreds of microseconds), so that a thread with no rows left to take (every share down to one
     * unit) does not hold a core that another runnable thread needs.
     */
    private static void pause(long since) {
        if (System.nanoTime() - since < SPIN_NANOS) Thread.onSpinWait();
        else Thread.yield();
    }
}
