package dev.rnn4j.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class KernelPoolTest {
    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyTaskRunsExactlyOnce() {
        for (int threads : new int[] {1, 2, 4}) {
            KernelPool.setThreads(threads);
            assertEquals(threads, KernelPool.threads());
            for (int round = 0; round < 200; round++) {
                int tasks = round % 17;
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, tasks));
                KernelPool.parallelFor(tasks, runs::incrementAndGet);
                for (int t = 0; t < tasks; t++) assertEquals(1, runs.get(t), "task " + t + " of " + tasks);
            }
        }
    }

    @Test
    void rangesCoverEveryElementOnce() {
        KernelPool.setThreads(3);
        for (int n : new int[] {0, 1, 100, 4095, 4096, 100_000}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, n));
            KernelPool.parallelRange(n, 1000, (from, to) -> {
                for (int i = from; i < to; i++) seen.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "element " + i + " of " + n);
        }
    }

    @Test
    void nestedCallsRunInlineInsteadOfDeadlocking() {
        KernelPool.setThreads(2);
        AtomicLong sum = new AtomicLong();
        KernelPool.parallelFor(4, outer -> KernelPool.parallelFor(5, inner -> sum.addAndGet(outer * 10 + inner)));
        assertEquals(4 * (0 + 1 + 2 + 3 + 4) + 5 * (0 + 10 + 20 + 30), sum.get());
    }

    @Test
    void aFailingTaskReachesTheCaller() {
        KernelPool.setThreads(2);
        var e = assertThrows(IllegalStateException.class, () -> KernelPool.parallelFor(8, t -> {
            if (t == 5) throw new IllegalStateException("task 5 failed");
        }));
        assertEquals("task 5 failed", e.getMessage());
        AtomicLong after = new AtomicLong();
        KernelPool.parallelFor(8, t -> after.incrementAndGet());
        assertEquals(8, after.get(), "the pool still works after a failure");
    }

    @Test
    void rejectsNonPositiveThreadCounts() {
        var e = assertThrows(IllegalArgumentException.class, () -> KernelPool.setThreads(0));
        assertEquals("threads must be at least 1, got 0", e.getMessage());
    }
}
