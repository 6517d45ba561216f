package dev.rnn4j.cli;

import java.util.function.Supplier;

/**
 * The {@code bench} workloads by name, for measuring harnesses outside this package ({@code bench/ab}, which
 * loads two builds side by side in one JVM and alternates their runs).
 *
 * <pre>{@code
 * Supplier<Double> once = BenchWorkloads.measurement("charlm_train");   // built now: its data, its model
 * double charsPerSecond = once.get();                                  // one timed repetition
 * }</pre>
 */
public final class BenchWorkloads {
    private BenchWorkloads() {}

    /** A fresh instance of the named workload: each call of the supplier runs and times one repetition. */
    public static Supplier<Double> measurement(String name) {
        for (Workloads.Entry e : Workloads.all()) {
            if (e.name().equals(name)) return e.build().get().once();
        }
        throw new IllegalArgumentException("no bench workload named '" + name + "' (./rnn4j bench --help lists them)");
    }
}
