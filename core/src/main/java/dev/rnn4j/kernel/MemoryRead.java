package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;

import static dev.rnn4j.kernel.GemmMicroKernel.L;
import static dev.rnn4j.kernel.GemmMicroKernel.S;

/**
 * A STREAM-like read of a whole array on every kernel thread, the way a matrix-vector product reads its
 * matrix: the bound on batch-1 sampling, which must read every recurrent weight once per character.
 *
 * <pre>{@code
 * float[] x = new float[64 << 20];                       // 256 MiB, far beyond the caches
 * long t0 = System.nanoTime();
 * MemoryRead.sum(x);
 * double gbPerS = 4.0 * x.length / (System.nanoTime() - t0);
 * }</pre>
 */
public final class MemoryRead {
    /** Fixed pieces, not one per thread, so the sum does not depend on the thread count. */
    private static final int PIECES = 64;

    private MemoryRead() {}

    /** The sum of all elements (so the reads cannot be optimised away), read in parallel. */
    public static double sum(float[] x) {
        double[] partial = new double[PIECES];
        int per = (x.length / PIECES) / L * L;
        KernelPool.parallelRange(PIECES, 1, (from, to) -> {
            for (int piece = from; piece < to; piece++) {
                int start = piece * per, end = piece == PIECES - 1 ? x.length : start + per;
                partial[piece] = sumRange(x, start, end);
            }
        });
        double s = 0;
        for (double p : partial) s += p;
        return s;
    }

    /** Four independent vector sums, so the loop is bound by loads, not by the adds' latency. */
    private static double sumRange(float[] x, int from, int to) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = from;
        for (; i + 4 * L <= to; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, i));
            s1 = s1.add(FloatVector.fromArray(S, x, i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, i + 3 * L));
        }
        FloatVector s = s0.add(s1).add(s2.add(s3));
        double total = 0;
        for (int lane = 0; lane < L; lane++) total += s.lane(lane);
        for (; i < to; i++) total += x[i];
        return total;
    }
}
