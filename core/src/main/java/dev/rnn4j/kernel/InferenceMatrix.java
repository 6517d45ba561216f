package dev.rnn4j.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * A weight matrix {@code W [rows, cols]} frozen for inference, stored in float32, bf16 or int8 with a scale
 * per row ({@link WeightPrecision}), and its one product: {@code y[b, :] += x[b, :] · Wᵀ} for n input rows b
 * (one per generated stream). The weights are converted to float32 in registers with the Vector API and
 * every product accumulates in float32.
 *
 * <pre>{@code
 * InferenceMatrix w = InferenceMatrix.of(WeightPrecision.INT8, 4 * H, H, weightHh, 0);
 * w.multiplyAdd(n, h, 0, H, gates, 0, 4 * H);     // gates[b] += W_hh h[b], b < n
 * }</pre>
 *
 * The rows are stored in panels of {@link InferencePanels#P} interleaved by column, so the product is a
 * register-tiled matrix product: each panel is read once per call for all n streams (decoded to float32
 * once when there are several), four streams at a time share each load of it. Each {@code y[b, j]} is
 * {@code y + Σ_k x[b, k]·W[j, k]} summed as one fused multiply-add chain in k order over the weights as
 * {@link #value} gives them; int8 sums over its integers and scales once at the end,
 * {@code y + scale[j]·Σ_k x[b, k]·q[j, k]}, so the loop converts each weight and does nothing more. A stream's
 * bits depend neither on the other streams of the call nor on the thread count.
 */
public final class InferenceMatrix {
    private static final VectorSpecies<Float> S = InferencePanels.S;
    private static final int L = InferencePanels.L, P = InferencePanels.P;
    /** Whether one vector of int8 or bf16 lanes exists for L floats (64 bits is the narrowest shape). */
    private static final boolean VECTOR_DECODE = L >= 8;
    /**
     * int8 over four panels at once (eight chains) where the register file holds them: AVX-512's 32 registers.
     * With AVX2's 16 the eight accumulators spill (measured on Zen 3: 8 GFLOP/s against 16-19 for two panels).
     */
    private static final boolean INT8_FOUR_PANELS = GemmMicroKernel.WIDE_REGISTER_FILE;
    private static final VectorSpecies<Byte> BYTES =
            VECTOR_DECODE ? VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L)) : null;
    private static final VectorSpecies<Short> SHORTS =
            VECTOR_DECODE ? VectorSpecies.of(short.class, VectorShape.forBitSize(16 * L)) : null;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    /** Below this many multiply-adds a hand-off to other threads costs more than it saves. */
    private static final long PARALLEL_MIN_WORK = 1L << 17;

    private final WeightPrecision precision;
    private final int rows, cols, panels;
    private final float[] f32;      // FLOAT32, packed: panel-major, then column, then the panel's P rows
    private final short[] bf16;     // BF16: the high half of each float32, packed the same way
    private final byte[] int8;      // INT8: w ≈ q · scale[row], packed the same way
    private final float[] scales;   // [panels · P], 0 past the last row
    /** One panel converted to float32 (int8: its integers, unscaled), per thread: once per call for all streams. */
    private final ThreadLocal<float[]> decoded;
    /** A thread's streams packed for the tiles of eight ({@link InferencePanels#EIGHT_STREAMS}), reused. */
    private final ThreadLocal<float[]> packedStreams = ThreadLocal.withInitial(() -> new float[0]);
    /** The short last panel's rows of y, P wide, per thread. */
    private final ThreadLocal<float[]> staging = ThreadLocal.withInitial(() -> new float[P]);

    private InferenceMatrix(WeightPrecision precision, int rows, int cols, float[] f32, short[] bf16, byte[] int8,
                            float[] scales) {
        this.precision = precision;
        this.rows = rows;
        this.cols = cols;
        this.panels = (rows + P - 1) / P;
        this.f32 = f32;
        this.bf16 = bf16;
        this.int8 = int8;
        this.scales = scales;
        this.decoded = ThreadLocal.withInitial(() -> new float[P * cols]);
    }

    /** Converts {@code w[off ..]} ({@code rows × cols}, row-major) to {@code precision}; w is not kept. */
    public static InferenceMatrix of(WeightPrecision precision, int rows, int cols, float[] w, int off) {
        if (precision == null) throw new IllegalArgumentException("precision must not be null");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix needs rows >= 1 and cols >= 1, got " + rows + "×" + cols);
        }
        Gemm.checkMatrix("W", w, off, cols, rows, cols, false);
        int padded = (rows + P - 1) / P * P, size = padded * cols;
        return switch (precision) {
            case FLOAT32 -> {
                float[] q = new float[size];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) q[packed(r, c, cols)] = w[off + r * cols + c];
                }
                yield new InferenceMatrix(precision, rows, cols, q, null, null, null);
            }
            case BF16 -> {
                short[] q = new short[size];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) q[packed(r, c, cols)] = toBf16(w[off + r * cols + c]);
                }
                yield new InferenceMatrix(precision, rows, cols, null, q, null, null);
            }
            case INT8 -> {
                byte[] q = new byte[size];
                float[] scale = new float[padded];
                for (int r = 0; r < rows; r++) {
                    float max = 0f;
                    for (int c = 0; c < cols; c++) max = Math.max(max, Math.abs(w[off + r * cols + c]));
                    scale[r] = max / 127f;
                    for (int c = 0; c < cols; c++) {
                        int v = max == 0f ? 0 : Math.round(w[off + r * cols + c] / scale[r]);
                        q[packed(r, c, cols)] = (byte) Math.max(-127, Math.min(127, v));
                    }
                }
                yield new InferenceMatrix(precision, rows, cols, null, null, q, scale);
            }
        };
    }

    /** Where W[r, c] lives in the packed storage. */
    private static int packed(int r, int c, int cols) {
        return (r / P * cols + c) * P + r % P;
    }

    /** float32 → bfloat16, rounded to nearest even (NaN stays a NaN). */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    public WeightPrecision precision() { return precision; }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** Bytes of storage one full product reads: the weights and, for int8, the row scales. */
    public long bytes() {
        return (long) rows * cols * precision.bytesPerWeight() + (scales == null ? 0 : 4L * rows);
    }

    /** The weight as this matrix holds it, in float32 (int8: {@code q · scale}, rounded once). */
    public float value(int r, int c) {
        return precision == WeightPrecision.INT8 ? factor(r, c) * scales[r] : factor(r, c);
    }

    /** What the product multiplies x by: {@link #value}, except int8 gives its integer q (scaled after the sum). */
    float factor(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IllegalArgumentException("no weight (" + r + ", " + c + ") in a " + rows + "×" + cols
                    + " matrix");
        }
        int i = packed(r, c, cols);
        return switch (precision) {
            case FLOAT32 -> f32[i];
            case BF16 -> Float.intBitsToFloat(bf16[i] << 16);
            case INT8 -> int8[i];
        };
    }

    /** Row r's int8 scale, applied to its sums; 1 for the other precisions. */
    float rowScale(int r) {
        return precision == WeightPrecision.INT8 ? scales[r] : 1f;
    }

    /**
     * {@code y[yOff + b·ldy + j] = (x_b · W[j, :]) + y[yOff + b·ldy + j]} for every row j and every input
     * row {@code x_b = x[xOff + b·ldx ..]}, b in [0, n), W as {@link #value} gives it. Panels (or, when
     * there are few, streams) are split over {@link KernelPool} when the product is large enough.
     */
    public void multiplyAdd(int n, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy) {
        if (n < 0) throw new IllegalArgumentException("n must be non-negative, got " + n);
        if (n == 0) return;
        Gemm.checkMatrix("x", x, xOff, ldx, n, cols, false);
        Gemm.checkMatrix("y", y, yOff, ldy, n, rows, false);
        int threads = (long) n * rows * cols < PARALLEL_MIN_WORK ? 1 : KernelPool.availableThreads();
        if (threads == 1) {
            multiplyPanels(0, panels, 0, n, x, xOff, ldx, y, yOff, ldy);
        } else if (panels >= 4 * threads || n < 2 * threads) {
            int tasks = Math.min(threads, panels);
            KernelPool.parallelFor(tasks, t -> multiplyPanels((int) ((long) panels * t / tasks),
                    (int) ((long) panels * (t + 1) / tasks), 0, n, x, xOff, ldx, y, yOff, ldy));
        } else {   // few panels (the output layer), many streams: split the streams
            int tasks = Math.min(threads, n);
            KernelPool.parallelFor(tasks, t -> multiplyPanels(0, panels, (int) ((long) n * t / tasks),
                    (int) ((long) n * (t + 1) / tasks), x, xOff, ldx, y, yOff, ldy));
        }
    }

    /** Panels [p0, p1) times streams [b0, b1). */
    private void multiplyPanels(int p0, int p1, int b0, int b1, float[] x, int xOff, int ldx,
                                float[] y, int yOff, int ldy) {
        int k = cols, full = rows / P;
        int p = p0;
        if (b1 - b0 == 1) {   // one stream: four or two panels at a time, weights converted in registers
            int xb = xOff + b0 * ldx, yb = yOff + b0 * ldy, end = Math.min(p1, full);
            if (INT8_FOUR_PANELS && precision == WeightPrecision.INT8) {
                for (; p + 4 <= end; p += 4) int8FourPanels(p, x, xb, y, yb + p * P);
            }
            for (; p + 2 <= end; p += 2) oneStreamTwoPanels(p, x, xb, y, yb + p * P, yb + (p + 1) * P);
        }
        float[] packedX = p < p1 ? packStreams(b0, b1, x, xOff, ldx) : null;
        for (; p < p1; p++) {
            float[] w = f32;
            int wo = p * k * P;
            if (precision != WeightPrecision.FLOAT32) {
                w = decoded.get();
                decode(p, w);
                wo = 0;
            }
            if (p < full) {
                InferencePanels.streams(b0, b1, k, w, wo, x, xOff, ldx, packedX, y, yOff + p * P, ldy, scales,
                        p * P);
            } else {   // the short last panel: its rows of y staged P wide, so the tiles need no masks
                int count = rows - p * P, n = b1 - b0;
                float[] staged = staging.get();
                if (staged.length < n * P) staging.set(staged = new float[n * P]);
                for (int b = 0; b < n; b++) System.arraycopy(y, yOff + (b0 + b) * ldy + p * P, staged, b * P, count);
                InferencePanels.streams(0, n, k, w, wo, x, xOff + b0 * ldx, ldx, packedX, staged, 0, P, scales,
                        p * P);
                for (int b = 0; b < n; b++) System.arraycopy(staged, b * P, y, yOff + (b0 + b) * ldy + p * P, count);
            }
        }
    }

    /**
     * Streams [b0, b1) packed by eights for {@link InferencePanels#streams}, once per call rather than per panel;
     * null when there is no full group of eight (or no tile of eight on this CPU).
     */
    private float[] packStreams(int b0, int b1, float[] x, int xOff, int ldx) {
        int full = InferencePanels.EIGHT_STREAMS ? (b1 - b0) / 8 * 8 : 0;
        if (full == 0) return null;
        float[] packed = packedStreams.get();
        if (packed.length < full * cols) packedStreams.set(packed = new float[full * cols]);
        GemmPacking.packA(false, x, xOff, ldx, b0, full, 0, cols, packed, 0);
        return packed;
    }

    /**
     * One stream, panels p and p + 1. Each precision has its own loop (and its own compiled code: one shared
     * method would be recompiled each time the bench switched precision, and C2 gives up after a few).
     */
    private void oneStreamTwoPanels(int p, float[] x, int xb, float[] y, int y0, int y2) {
        int o = p * cols * P;
        if (precision == WeightPrecision.FLOAT32) {
            InferencePanels.oneTwoPanels(cols, f32, o, o + cols * P, x, xb, y, y0, y2);
        } else if (!VECTOR_DECODE) {   // no narrow vectors to convert in registers: decode each panel
            float[] w = decoded.get();
            decode(p, w);
            InferencePanels.streams(0, 1, cols, w, 0, x, xb, 0, null, y, y0, 0, scales, p * P);
            decode(p + 1, w);
            InferencePanels.streams(0, 1, cols, w, 0, x, xb, 0, null, y, y2, 0, scales, (p + 1) * P);
        } else if (precision == WeightPrecision.INT8) {
            int8TwoPanels(p, x, xb, y, y0, y2);
        } else {
            bf16TwoPanels(p, x, xb, y, y0, y2);
        }
    }

    /**
     * int8 integers converted in registers, the row scales applied once to the sums. Scaling every weight in
     * the loop, as an earlier version did, cost a multiply per weight and four registers for the scales, which
     * C2 spilled: measured on Zen 3, one thread, weights in L2, about 12 GFLOP/s then, 16-19 now (float32: 28-34,
     * as the conversion costs two instructions per eight weights). Four panels at a time (eight chains) measured 8.
     */
    private void int8TwoPanels(int p, float[] x, int xb, float[] y, int y0, int y2) {
        int k = cols, o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int q = 0; q < k; q++) {
            int i = o + q * P, i2 = o2 + q * P;
            FloatVector v = FloatVector.broadcast(S, x[xb + q]);
            a = v.fma(int8At(i), a);
            c = v.fma(int8At(i + L), c);
            d = v.fma(int8At(i2), d);
            e = v.fma(int8At(i2 + L), e);
        }
        int s = p * P;
        a = a.mul(FloatVector.fromArray(S, scales, s));
        c = c.mul(FloatVector.fromArray(S, scales, s + L));
        d = d.mul(FloatVector.fromArray(S, scales, s + P));
        e = e.mul(FloatVector.fromArray(S, scales, s + P + L));
        FloatVector.fromArray(S, y, y0).add(a).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(c).intoArray(y, y0 + L);
        FloatVector.fromArray(S, y, y2).add(d).intoArray(y, y2);
        FloatVector.fromArray(S, y, y2 + L).add(e).intoArray(y, y2 + L);
    }

    /**
     * As {@link #int8TwoPanels} over panels p to p + 3 ({@code y0}: panel p's first row of y): eight chains.
     * Measured on an Intel Xeon (AVX-512), one thread, 2048 × 512 weights in L2: 41-45 GFLOP/s against 36-39 for
     * two panels, as the conversion's two instructions per 16 weights, not the chains, then bound the loop.
     */
    private void int8FourPanels(int p, float[] x, int xb, float[] y, int y0) {
        int k = cols, kp = k * P, o = p * kp;
        FloatVector a = FloatVector.zero(S), b = a, c = a, d = a, e = a, f = a, g = a, h = a;
        for (int q = 0; q < k; q++) {
            int i = o + q * P;
            FloatVector v = FloatVector.broadcast(S, x[xb + q]);
            a = v.fma(int8At(i), a);
            b = v.fma(int8At(i + L), b);
            c = v.fma(int8At(i + kp), c);
            d = v.fma(int8At(i + kp + L), d);
            e = v.fma(int8At(i + 2 * kp), e);
            f = v.fma(int8At(i + 2 * kp + L), f);
            g = v.fma(int8At(i + 3 * kp), g);
            h = v.fma(int8At(i + 3 * kp + L), h);
        }
        int s = p * P;
        a = a.mul(FloatVector.fromArray(S, scales, s));
        b = b.mul(FloatVector.fromArray(S, scales, s + L));
        c = c.mul(FloatVector.fromArray(S, scales, s + P));
        d = d.mul(FloatVector.fromArray(S, scales, s + P + L));
        e = e.mul(FloatVector.fromArray(S, scales, s + 2 * P));
        f = f.mul(FloatVector.fromArray(S, scales, s + 2 * P + L));
        g = g.mul(FloatVector.fromArray(S, scales, s + 3 * P));
        h = h.mul(FloatVector.fromArray(S, scales, s + 3 * P + L));
        FloatVector.fromArray(S, y, y0).add(a).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(b).intoArray(y, y0 + L);
        FloatVector.fromArray(S, y, y0 + P).add(c).intoArray(y, y0 + P);
        FloatVector.fromArray(S, y, y0 + P + L).add(d).intoArray(y, y0 + P + L);
        FloatVector.fromArray(S, y, y0 + 2 * P).add(e).intoArray(y, y0 + 2 * P);
        FloatVector.fromArray(S, y, y0 + 2 * P + L).add(f).intoArray(y, y0 + 2 * P + L);
        FloatVector.fromArray(S, y, y0 + 3 * P).add(g).intoArray(y, y0 + 3 * P);
        FloatVector.fromArray(S, y, y0 + 3 * P + L).add(h).intoArray(y, y0 + 3 * P + L);
    }

    private void bf16TwoPanels(int p, float[] x, int xb, float[] y, int y0, int y2) {
        int k = cols, o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int q = 0; q < k; q++) {
            int i = o + q * P, i2 = o2 + q * P;
            FloatVector v = FloatVector.broadcast(S, x[xb + q]);
            a = v.fma(bf16At(bf16, i), a);
            c = v.fma(bf16At(bf16, i + L), c);
            d = v.fma(bf16At(bf16, i2), d);
            e = v.fma(bf16At(bf16, i2 + L), e);
        }
        // the sums added to y written out, as in every sampling kernel: through a helper taking a, c, d and e, the
        // JIT compiled that helper out of line in 5 of 8 JVMs that had run the training workloads first, and bf16
        // sampling ran at 2,800-3,500 chars/s instead of 14,000-16,000 (docs/results/2026-12-04T1235-*)
        FloatVector.fromArray(S, y, y0).add(a).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(c).intoArray(y, y0 + L);
        FloatVector.fromArray(S, y, y2).add(d).intoArray(y, y2);
        FloatVector.fromArray(S, y, y2 + L).add(e).intoArray(y, y2 + L);
    }

    private FloatVector int8At(int i) {
        return (FloatVector) ByteVector.fromArray(BYTES, int8, i).convertShape(VectorOperators.B2F, S, 0);
    }

    /**
     * bf16 is the high half of a float32: sign-extend to 32 bits, shift the 16 bits up. Static, with the array passed
     * in, it is 33 bytes of bytecode, under C2's MaxInlineSize (35), so C2 inlines it into every loop whatever the
     * call's profile says (as an instance method it was 36 bytes, inlined only where the profile made the call hot).
     */
    private static FloatVector bf16At(short[] w, int i) {
        return ((IntVector) ShortVector.fromArray(SHORTS, w, i).convertShape(VectorOperators.S2I, INTS, 0))
                .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** Panel p of the stored weights as float32 into {@code d} (int8: its integers q, unscaled). */
    private void decode(int p, float[] d) {
        int o = p * cols * P, size = cols * P;
        if (precision == WeightPrecision.INT8) {
            decodeInt8(o, d, size);
        } else if (VECTOR_DECODE) {
            for (int i = 0; i < size; i += L) bf16At(bf16, o + i).intoArray(d, i);
        } else {
            for (int i = 0; i < size; i++) d[i] = Float.intBitsToFloat(bf16[o + i] << 16);
        }
    }

    private void decodeInt8(int o, float[] d, int size) {
        if (!VECTOR_DECODE) {
            for (int i = 0; i < size; i++) d[i] = int8[o + i];
            return;
        }
        for (int i = 0; i < size; i += L) int8At(o + i).intoArray(d, i);
    }
}
