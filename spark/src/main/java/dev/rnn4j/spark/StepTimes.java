package dev.rnn4j.spark;

/**
 * Where a distributed step's wall time goes, summed over steps: preparing and broadcasting the step's input on
 * the driver, the Spark job (scheduling, tasks fetching the broadcast, computing, returning results), and adding
 * the parts on the driver.
 */
public final class StepTimes {
    private long steps;
    private long broadcastNanos;
    private long jobNanos;
    private long sumNanos;

    void add(long broadcast, long job, long sum) {
        steps++;
        broadcastNanos += broadcast;
        jobNanos += job;
        sumNanos += sum;
    }

    public long steps() { return steps; }

    public double broadcastMillis() { return broadcastNanos / 1e6 / Math.max(1, steps); }

    public double jobMillis() { return jobNanos / 1e6 / Math.max(1, steps); }

    public double sumMillis() { return sumNanos / 1e6 / Math.max(1, steps); }

    public double stepMillis() { return broadcastMillis() + jobMillis() + sumMillis(); }
}
