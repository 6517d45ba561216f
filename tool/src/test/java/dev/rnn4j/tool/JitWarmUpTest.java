package dev.rnn4j.tool;

import dev.rnn4j.kernel.KernelPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitWarmUpTest {
    private static final long MS = 1_000_000L;
    private int before;
    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final AtomicLong jitMillis = new AtomicLong(1_000);

    @BeforeEach
    void pool() {
        before = KernelPool.threads();
    }

    @AfterEach
    void restore() {
        KernelPool.setThreads(before);
    }

    /** A step of {@code ms} milliseconds during which the compilers worked {@code jit} milliseconds. */
    private void step(JitWarmUp w, long ms, long jit) {
        nanos.addAndGet(ms * MS);
        jitMillis.addAndGet(jit);
        w.afterStep();
    }

    @Test
    void leavesOneCoreWhileTheJitCompilesAndGivesItBackWhenItSettles() {
        KernelPool.setThreads(3);
        JitWarmUp w = new JitWarmUp(jitMillis::get, nanos::get, 3);
        assertEquals(2, KernelPool.threads());
        step(w, 1_000, 1_500);   // both compiler threads busy
        step(w, 200, 100);       // half a core: still compiling
        assertFalse(w.settled());
        assertEquals(2, KernelPool.threads());
        step(w, 200, 40);        // a fifth of a core: settled
        assertTrue(w.settled());
        assertEquals(3, KernelPool.threads());
        step(w, 200, 400);       // later compiles leave the pool alone
        assertEquals(3, KernelPool.threads());
    }

    @Test
    void givesTheCoreBackAfterTheLongestWarmUpWhateverTheJitDoes() {
        KernelPool.setThreads(2);
        JitWarmUp w = new JitWarmUp(jitMillis::get, nanos::get, 2);
        for (int i = 0; i < 29; i++) step(w, 1_000, 1_000);
        assertEquals(1, KernelPool.threads());
        step(w, 1_000, 1_000);
        assertTrue(w.settled());
        assertEquals(2, KernelPool.threads());
    }

    @Test
    void finishRestoresThePoolWhenTheRunEndsDuringTheWarmUp() {
        KernelPool.setThreads(2);
        JitWarmUp w = new JitWarmUp(jitMillis::get, nanos::get, 2);
        assertEquals(1, KernelPool.threads());
        w.finish();
        assertEquals(2, KernelPool.threads());
        w.finish();
        assertEquals(2, KernelPool.threads());
    }

    @Test
    void oneThreadOrNoJitClockChangesNothing() {
        KernelPool.setThreads(1);
        JitWarmUp single = new JitWarmUp(jitMillis::get, nanos::get, 1);
        assertTrue(single.settled());
        assertEquals(1, KernelPool.threads());
        KernelPool.setThreads(2);
        JitWarmUp blind = new JitWarmUp(null, nanos::get, 2);
        assertTrue(blind.settled());
        step(blind, 100, 0);
        assertEquals(2, KernelPool.threads());
    }

    @Test
    void beginOnTheRealJvmShrinksThePoolAndFinishRestoresIt() {
        KernelPool.setThreads(2);
        JitWarmUp w = JitWarmUp.begin();
        assertEquals(w.settled() ? 2 : 1, KernelPool.threads());
        w.finish();
        assertEquals(2, KernelPool.threads());
    }
}
