package dev.rnn4j.kernel;

import java.lang.management.ManagementFactory;

/**
 * Bytes the JVM has allocated so far on the calling thread and on the kernel pool's threads (HotSpot's per-thread
 * counters): the difference around a training step is what that step allocated, wherever its work ran. A compiled
 * step allocates little (~1.5 MB for the bench model: state-sized arrays, lambdas); a vector C2 could not keep in a
 * register is an object per vector per call, tens of MB a step.
 *
 * <pre>{@code
 * long before = AllocationCounter.allocatedBytes();
 * model.trainingStep(x, y, batch, steps, state);
 * long bytes = AllocationCounter.allocatedBytes() - before;
 * }</pre>
 */
public final class AllocationCounter {
    private AllocationCounter() {}

    public static long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = mx.getCurrentThreadAllocatedBytes();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(KernelPool.THREAD_NAME_PREFIX)) {
                total += Math.max(0, mx.getThreadAllocatedBytes(t.threadId()));
            }
        }
        return total;
    }
}
