package dev.rnn4j.nn;

/** Copies between the caller's layout (batch-first or time-major) and the time-major [T, B, F] used inside. */
final class Layout {
    private Layout() {}

    /** A time-major copy of {@code src}, which is [B, T, F] if batchFirst else [T, B, F]. */
    static float[] toTimeMajor(float[] src, boolean batchFirst, int B, int T, int F) {
        return batchFirst ? swap(src, B, T, F) : src.clone();
    }

    /** The caller's layout from a time-major [T, B, F] array (a copy when batch-first, else the array itself). */
    static float[] fromTimeMajor(float[] src, boolean batchFirst, int B, int T, int F) {
        return batchFirst ? swap(src, T, B, F) : src;
    }

    /** [R, C, F] → [C, R, F]. */
    private static float[] swap(float[] src, int R, int C, int F) {
        float[] dst = new float[src.length];
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) System.arraycopy(src, (r * C + c) * F, dst, (c * R + r) * F, F);
        }
        return dst;
    }

    static int[] shape(boolean batchFirst, int B, int T, int F) {
        return batchFirst ? new int[] {B, T, F} : new int[] {T, B, F};
    }
}
