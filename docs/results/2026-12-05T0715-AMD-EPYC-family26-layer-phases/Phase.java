package dev.rnn4j.nn;
import java.util.concurrent.atomic.AtomicLongArray;
// The throw-away timer of finding 11 (with phase-timing-instrumentation.patch): sums of System.nanoTime intervals per
// part, printed per layer call at exit; counting starts at the 20th forward call.
public final class Phase {
    public static final String[] NAMES = {"proj", "fwdLoop(wall)", "fwdBody(sum)", "fwdProduct(sum)", "fwdGates(sum)",
        "bwdLoop(wall)", "bwdBody(sum)", "bwdProduct(sum)", "bwdGates(sum)", "pair", "dx", "fwdCall(wall)", "bwdCall(wall)", "fwdBodies", "fwdRows", "calls"};
    public static final AtomicLongArray T = new AtomicLongArray(NAMES.length);
    public static volatile boolean on;
    static { Runtime.getRuntime().addShutdownHook(new Thread(() -> { long c = Math.max(1, T.get(15)); for (int i = 0; i < NAMES.length; i++) System.err.printf("%-16s %9.3f ms per call%n", NAMES[i], T.get(i) / 1e6 / c); System.err.println("calls " + c + " bodies " + T.get(13) + " rows " + T.get(14)); })); }
    public static void add(int i, long start) { if (on) T.addAndGet(i, System.nanoTime() - start); }
    public static void count(int i, long n) { if (on) T.addAndGet(i, n); }
}
