package dev.rnn4j.nn;

import dev.rnn4j.kernel.Rows;

/**
 * Copies between the caller's layout (batch-first or time-major) and the time-major [T, B, F] used inside,
 * into arrays from the call's {@link Workspace}.
 */
final class Layout {
    private Layout() {}

    /** A time-major copy of {@code src}, which is [B, T, F] if batchFirst else [T, B, F]. */
    static float[] toTimeMajor(float[] src, boolean batchFirst, int B, int T, int F, Workspace space) {
        float[] dst = space.uninitialized(src.length);
        if (batchFirst) swap(src, B, T, F, dst);
        else System.arraycopy(src, 0, dst, 0, src.length);
        return dst;
    }

    /**
     * {@code src} time-major, for reading only: the array itself when it is already [T, B, F], else a time-major copy.
     * (An input a trace keeps takes {@link #toTimeMajor}: the caller may change its array before backward.)
     */
    static float[] timeMajorToRead(float[] src, boolean batchFirst, int B, int T, int F, Workspace space) {
        return batchFirst ? toTimeMajor(src, true, B, T, F, space) : src;
    }

    /** The caller's layout from a time-major [T, B, F] array (a copy when batch-first, else the array itself). */
    static float[] fromTimeMajor(float[] src, boolean batchFirst, int B, int T, int F, Workspace space) {
        if (!batchFirst) return src;
        float[] dst = space.uninitialized(src.length);
        swap(src, T, B, F, dst);
        return dst;
    }

    /** [R, C, F] → [C, R, F]. */
    private static void swap(float[] src, int R, int C, int F, float[] dst) {
        Rows.forRowRanges(R, C * F, (from, to) -> {
            for (int r = from; r < to; r++) {
                for (int c = 0; c < C; c++) System.arraycopy(src, (r * C + c) * F, dst, (c * R + r) * F, F);
            }
        });
    }

    static int[] shape(boolean batchFirst, int B, int T, int F) {
        return batchFirst ? new int[] {B, T, F} : new int[] {T, B, F};
    }
}
