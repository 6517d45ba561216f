package dev.rnn4j.nn;

/** The per-step bookkeeping the three layer kinds share: time order, padding masks, row copies. */
final class Steps {
    private Steps() {}

    /** The time index of the s-th step processed: s forward, T−1−s in reverse. */
    static int time(int s, int T, boolean reverse) { return reverse ? T - 1 - s : s; }

    /** Copies row b of {@code h [B, n]} to the output row {@code (t·B + b)·ldy + yOff} for each real step. */
    static void writeOutput(int t, int B, int n, int[] lengths, float[] h, float[] y, int yOff, int ldy) {
        for (int b = 0; b < B; b++) {
            if (LayerTrace.valid(lengths, t, b)) System.arraycopy(h, b * n, y, (t * B + b) * ldy + yOff, n);
        }
    }

    /** Copies row b of {@code src [B, n]} (at srcOff) to {@code dst [B, n]} for each real step: the state advances. */
    static void advance(int t, int B, int n, int[] lengths, float[] src, int srcOff, float[] dst) {
        if (lengths == null) {
            System.arraycopy(src, srcOff, dst, 0, B * n);
            return;
        }
        for (int b = 0; b < B; b++) {
            if (t < lengths[b]) System.arraycopy(src, srcOff + b * n, dst, b * n, n);
        }
    }

    /**
     * The total gradient w.r.t. h_t, row by row: {@code out[b] = carry[b] + dy[t, b]} for real steps, 0 for
     * padding (padded outputs are constant zeros, so nothing flows from them).
     */
    static void upstream(int t, int B, int n, int[] lengths, float[] carry, float[] dy, int dyOff, int ldy,
                         float[] out, int outOff) {
        for (int b = 0; b < B; b++) {
            int o = outOff + b * n;
            if (!LayerTrace.valid(lengths, t, b)) {
                java.util.Arrays.fill(out, o, o + n, 0f);
                continue;
            }
            int c = b * n;
            if (dy == null) {
                System.arraycopy(carry, c, out, o, n);
            } else {
                int d = (t * B + b) * ldy + dyOff;
                for (int j = 0; j < n; j++) out[o + j] = carry[c + j] + dy[d + j];
            }
        }
    }

    /** {@code dst = src} (length n), or zeros when src is null. */
    static void init(float[] dst, float[] src, int n) {
        if (src != null) System.arraycopy(src, 0, dst, 0, n);
        else java.util.Arrays.fill(dst, 0, n, 0f);
    }
}
