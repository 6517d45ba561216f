package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench}'s warm-up goes on while a workload's figure still improves (its code still being compiled) and stops
 * once it has settled: workloads whose figure follows the clock, climbing for 4 s and then flat.
 */
class BenchWarmUpTest {
    private static final double CLIMB_SECONDS = 4.0;

    @Test
    void warmUpLastsWhileTheFigureImproves() {
        double seconds = warmUpSeconds(true, t -> 100 * Math.min(t, CLIMB_SECONDS));
        assertTrue(seconds >= CLIMB_SECONDS && seconds < 10, "warm-up ended after " + seconds + " s");
    }

    @Test
    void lowerIsBetterImprovesDownwards() {
        double seconds = warmUpSeconds(false, t -> 1000 / Math.min(t, CLIMB_SECONDS));
        assertTrue(seconds >= CLIMB_SECONDS && seconds < 10, "warm-up ended after " + seconds + " s");
    }

    @Test
    void aSettledFigureEndsTheWarmUpSoon() {
        double seconds = warmUpSeconds(true, t -> 100);
        assertTrue(seconds < CLIMB_SECONDS, "warm-up ended after " + seconds + " s");
    }

    /** Seconds the warm-up of a workload whose figure is {@code figure(seconds since start)} takes. */
    private static double warmUpSeconds(boolean higherIsBetter, DoubleUnaryOperator figure) {
        long start = System.nanoTime();
        BenchCommand.Workload w = new BenchCommand.Workload("clock", "units", Map.of(), higherIsBetter, () -> {
            sleepMillis(10);
            return figure.applyAsDouble((System.nanoTime() - start) / 1e9);
        });
        BenchCommand.warmUp(w);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
