package dev.rnn4j.keras;

import java.util.Locale;

/**
 * How {@link Bidirectional} combines the forward and the backward outputs (Keras's {@code merge_mode}):
 * side by side ({@code concat}, twice the units) or element by element ({@code sum}, {@code mul}, {@code ave}).
 *
 * <pre>{@code
 * new Bidirectional(new LSTM(32)).mergeMode(MergeMode.SUM);    // (None, 32)
 * MergeMode.of("ave");                                         // MergeMode.AVE
 * }</pre>
 */
public enum MergeMode {
    CONCAT, SUM, MUL, AVE;

    /** The Keras name, e.g. {@code "concat"}. */
    public String kerasName() { return name().toLowerCase(Locale.ROOT); }

    public static MergeMode of(String kerasName) {
        for (MergeMode m : values()) if (m.kerasName().equals(kerasName)) return m;
        throw new IllegalArgumentException("unsupported Bidirectional merge_mode '" + kerasName
                + "', expected concat, sum, mul or ave");
    }

    /** Output width per step for {@code units} per direction. */
    int width(int units) { return this == CONCAT ? 2 * units : units; }

    /** {@code y[r, j] = f(a, b)} from rows of {@code [a | b]} (width 2H) to rows of width H. */
    float[] merge(float[] ab, int H) {
        int rows = ab.length / (2 * H);
        float[] y = new float[rows * H];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < H; j++) {
                float a = ab[r * 2 * H + j], b = ab[r * 2 * H + H + j];
                y[r * H + j] = switch (this) {
                    case SUM -> a + b;
                    case MUL -> a * b;
                    case AVE -> (a + b) * 0.5f;
                    case CONCAT -> throw new IllegalStateException("concat needs no merge");
                };
            }
        }
        return y;
    }

    /** The gradient with respect to {@code [a | b]} from the merged output's gradient {@code dy}. */
    float[] unmerge(float[] dy, float[] ab, int H) {
        int rows = dy.length / H;
        float[] d = new float[rows * 2 * H];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < H; j++) {
                float g = dy[r * H + j];
                int ia = r * 2 * H + j, ib = ia + H;
                switch (this) {
                    case SUM -> { d[ia] = g; d[ib] = g; }
                    case MUL -> { d[ia] = g * ab[ib]; d[ib] = g * ab[ia]; }
                    case AVE -> { d[ia] = 0.5f * g; d[ib] = 0.5f * g; }
                    case CONCAT -> throw new IllegalStateException("concat needs no merge");
                }
            }
        }
        return d;
    }
}
