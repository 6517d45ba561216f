package dev.rnn4j.spark;

/**
 * Where a distributed step's wall time goes, summed over steps: preparing and broadcasting the step's input on
 * the driver, the Spark job (scheduling, tasks fetching the broadcast, computing, returning results), and adding
 * the parts on the driver. The slowest partition's forward and backward is the step's compute; the rest of the
 * step is Spark's overhead (scheduling, shipping the weights and the gradients, adding them). The first
 * {@link #WARM_UP} steps of a run (the JIT compiling, executors building their models) are left out.
 */
public final class StepTimes {
    public static final int WARM_UP = 5;
    private long seen;
    private long steps;
    private long broadcastNanos;
    private long jobNanos;
    private long sumNanos;
    private long computeNanos;

    void add(long broadcast, long job, long sum, long slowestCompute) {
        if (++seen <= WARM_UP) return;
        steps++;
        computeNanos += slowestCompute;
        broadcastNanos += broadcast;
        jobNanos += job;
        sumNanos += sum;
    }

    /** Steps timed: those after the warm-up. */
    public long steps() { return steps; }

    public double broadcastMillis() { return broadcastNanos / 1e6 / Math.max(1, steps); }

    public double jobMillis() { return jobNanos / 1e6 / Math.max(1, steps); }

    public double sumMillis() { return sumNanos / 1e6 / Math.max(1, steps); }

    /** The slowest partition's forward and backward, per step. */
    public double computeMillis() { return computeNanos / 1e6 / Math.max(1, steps); }

    /** Everything but {@link #computeMillis()}: what running the step on Spark costs. */
    public double overheadMillis() { return stepMillis() - computeMillis(); }

    public double stepMillis() { return broadcastMillis() + jobMillis() + sumMillis(); }
}
