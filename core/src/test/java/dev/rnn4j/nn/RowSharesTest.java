package dev.rnn4j.nn;

import dev.rnn4j.kernel.KernelPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time loop's rows handed over between threads: every row runs every step exactly once and in order, whichever
 * threads run it, and a thread that falls behind gives rows away. The layers' bits for 1, 2 and 3 threads are
 * {@link ThreadCountTest}'s.
 */
class RowSharesTest {
    private static final int STEPS = 60, ROWS = 64, UNIT = 4;

    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void rowsMoveFromASlowShareAndEveryRowRunsItsStepsInOrder() {
        KernelPool.setThreads(2);
        Visits visits = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(2, (i, b0, b1) -> {
            if (b0 < ROWS / 2) busy(500_000);                              // the first share's rows are slow
        }));
        visits.assertComplete();
        assertTrue(visits.movedRows() > 0, "no row changed threads although one share was far slower");
    }

    @Test
    void threeThreadsShareTheRowsTooAndEveryRowRunsItsStepsInOrder() {
        KernelPool.setThreads(3);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(3, (i, b0, b1) -> {
            if (b0 < ROWS / 3) busy(200_000);
        })).assertComplete();
    }

    @Test
    void onOneThreadTheSharesRunOneAfterAnotherWithoutWaitingForEachOther() {
        KernelPool.setThreads(1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(2, (i, b0, b1) -> { })).assertComplete();
    }

    @Test
    void aFailingStepReachesTheCallerAndNoThreadIsLeftWaiting() {
        KernelPool.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(2, (i, b0, b1) -> {
                    if (i == STEPS / 2 && b0 == 0) throw new IllegalStateException("step failed");
                })));
        assertEquals("step failed", e.getMessage());
        // the pool is free again: the next loop runs
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(2, (i, b0, b1) -> { })).assertComplete();
    }

    /** Runs the loop with {@code extra} after each step's bookkeeping and returns what every row saw. */
    private static Visits run(int tasks, Steps.StepRows extra) {
        Visits visits = new Visits();
        new RowShares(STEPS, ROWS, UNIT, (i, b0, b1) -> {
            for (int b = b0; b < b1; b++) visits.record(b, i);
            extra.run(i, b0, b1);
        }).run(tasks);
        return visits;
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    /** Per row: the next step it must run, whether it ever ran out of order, and the threads that ran it. */
    private static final class Visits {
        final AtomicIntegerArray next = new AtomicIntegerArray(ROWS);
        final AtomicInteger outOfOrder = new AtomicInteger();
        final Set<String>[] threads = threadSets();

        void record(int row, int step) {
            if (!next.compareAndSet(row, step, step + 1)) outOfOrder.incrementAndGet();
            threads[row].add(Thread.currentThread().getName());
        }

        void assertComplete() {
            assertEquals(0, outOfOrder.get(), "steps run twice, skipped or out of order");
            for (int b = 0; b < ROWS; b++) assertEquals(STEPS, next.get(b), "row " + b + " stopped early");
        }

        long movedRows() {
            int moved = 0;
            for (Set<String> t : threads) if (t.size() > 1) moved++;
            return moved;
        }

        @SuppressWarnings("unchecked")
        private static Set<String>[] threadSets() {
            Set<String>[] sets = new Set[ROWS];
            for (int b = 0; b < ROWS; b++) sets[b] = ConcurrentHashMap.newKeySet();
            return sets;
        }
    }
}
