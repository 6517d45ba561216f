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
 * per row ({@link WeightPrecision}), and its one product: {@code y[b, :] += x[b, :] · Wᵀ} for a few input
 * rows b (one per generated stream). The weights are converted to float32 in registers with the Vector API
 * and every product accumulates in float32.
 *
 * <pre>{@code
 * InferenceMatrix w = InferenceMatrix.of(WeightPrecision.INT8, 4 * H, H, weightHh, 0);
 * w.multiplyAdd(n, h, 0, H, gates, 0, 4 * H);     // gates[b] += W_hh h[b], b < n
 * }</pre>
 *
 * Each {@code y[b, j]} is summed in one fixed order, the order of {@link GemmRowVector} (lanes along k,
 * lanes added left to right, then the tail): so a stream's bits do not depend on how many streams share
 * the call or on the thread count, and in float32 a single stream gets exactly what {@link Gemm} gives a
 * one-row product. With several streams, each group of rows is read (and converted) once for all of them.
 */
public final class InferenceMatrix {
    private static final VectorSpecies<Float> S = GemmMicroKernel.S;
    private static final int L = S.length();
    /** Whether one vector of int8 or bf16 lanes exists for L floats (64 bits is the narrowest shape). */
    private static final boolean VECTOR_DECODE = L >= 8;
    private static final VectorSpecies<Byte> BYTES =
            VECTOR_DECODE ? VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L)) : null;
    private static final VectorSpecies<Short> SHORTS =
            VECTOR_DECODE ? VectorSpecies.of(short.class, VectorShape.forBitSize(16 * L)) : null;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    /** Rows read together: four dot products share each load of x. */
    static final int GROUP = 4;
    /** Below this many multiply-adds a hand-off to other threads costs more than it saves. */
    private static final long PARALLEL_MIN_WORK = 1L << 17;

    private final WeightPrecision precision;
    private final int rows, cols;
    private final float[] f32;      // FLOAT32
    private final short[] bf16;     // BF16: the high half of each float32
    private final byte[] int8;      // INT8: w ≈ q · scale[row]
    private final float[] scales;
    /** GROUP rows converted to float32, per thread: read once per call for all streams. */
    private final ThreadLocal<float[]> decoded;

    private InferenceMatrix(WeightPrecision precision, int rows, int cols, float[] f32, short[] bf16, byte[] int8,
                            float[] scales) {
        this.precision = precision;
        this.rows = rows;
        this.cols = cols;
        this.f32 = f32;
        this.bf16 = bf16;
        this.int8 = int8;
        this.scales = scales;
        this.decoded = ThreadLocal.withInitial(() -> new float[GROUP * cols]);
    }

    /** Converts {@code w[off ..]} ({@code rows × cols}, row-major) to {@code precision}; w is not kept. */
    public static InferenceMatrix of(WeightPrecision precision, int rows, int cols, float[] w, int off) {
        if (precision == null) throw new IllegalArgumentException("precision must not be null");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix needs rows >= 1 and cols >= 1, got " + rows + "×" + cols);
        }
        Gemm.checkMatrix("W", w, off, cols, rows, cols, false);
        int size = rows * cols;
        return switch (precision) {
            case FLOAT32 -> new InferenceMatrix(precision, rows, cols, java.util.Arrays.copyOfRange(w, off, off + size),
                    null, null, null);
            case BF16 -> {
                short[] q = new short[size];
                for (int i = 0; i < size; i++) q[i] = toBf16(w[off + i]);
                yield new InferenceMatrix(precision, rows, cols, null, q, null, null);
            }
            case INT8 -> {
                byte[] q = new byte[size];
                float[] scale = new float[rows];
                for (int r = 0; r < rows; r++) {
                    float max = 0f;
                    for (int c = 0; c < cols; c++) max = Math.max(max, Math.abs(w[off + r * cols + c]));
                    scale[r] = max / 127f;
                    for (int c = 0; c < cols; c++) {
                        int v = max == 0f ? 0 : Math.round(w[off + r * cols + c] / scale[r]);
                        q[r * cols + c] = (byte) Math.max(-127, Math.min(127, v));
                    }
                }
                yield new InferenceMatrix(precision, rows, cols, null, null, q, scale);
            }
        };
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
        int i = r * cols + c;
        return switch (precision) {
            case FLOAT32 -> f32[i];
            case BF16 -> Float.intBitsToFloat(bf16[i] << 16);
            case INT8 -> int8[i] * scales[r];
        };
    }

    /**
     * {@code y[yOff + b·ldy + j] = (x_b · W[j, :]) + y[yOff + b·ldy + j]} for every row j and every input
     * row {@code x_b = x[xOff + b·ldx ..]}, b in [0, n); for int8 the dot product is times the row's scale
     * before the add. Rows are split over {@link KernelPool} when the product is large enough.
     */
    public void multiplyAdd(int n, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy) {
        if (n < 0) throw new IllegalArgumentException("n must be non-negative, got " + n);
        if (n == 0) return;
        Gemm.checkMatrix("x", x, xOff, ldx, n, cols, false);
        Gemm.checkMatrix("y", y, yOff, ldy, n, rows, false);
        int groups = (rows + GROUP - 1) / GROUP;
        int tasks = (long) n * rows * cols < PARALLEL_MIN_WORK ? 1 : Math.min(KernelPool.availableThreads(), groups);
        if (tasks == 1) {
            multiplyRows(0, rows, n, x, xOff, ldx, y, yOff, ldy);
            return;
        }
        KernelPool.parallelFor(tasks, t -> multiplyRows((int) ((long) groups * t / tasks) * GROUP,
                Math.min(rows, (int) ((long) groups * (t + 1) / tasks) * GROUP), n, x, xOff, ldx, y, yOff, ldy));
    }

    /** Rows [j0, j1) of the product, GROUP at a time (a short last group repeats its last row and drops it). */
    private void multiplyRows(int j0, int j1, int n, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy) {
        int k = cols;
        for (int j = j0; j < j1; j += GROUP) {
            int count = Math.min(GROUP, j1 - j), last = j + count - 1;
            int r1 = Math.min(j + 1, last), r2 = Math.min(j + 2, last), r3 = Math.min(j + 3, last);
            if (precision == WeightPrecision.FLOAT32) {
                floatRows(f32, j * k, r1 * k, r2 * k, r3 * k, j, count, n, x, xOff, ldx, y, yOff, ldy);
            } else if (n == 1 && VECTOR_DECODE) {
                if (precision == WeightPrecision.INT8) {
                    int8Rows(j * k, r1 * k, r2 * k, r3 * k, j, count, x, xOff, y, yOff);
                } else {
                    bf16Rows(j * k, r1 * k, r2 * k, r3 * k, j, count, x, xOff, y, yOff);
                }
            } else {
                float[] d = decoded.get();
                decode(j * k, d, 0);
                decode(r1 * k, d, k);
                decode(r2 * k, d, 2 * k);
                decode(r3 * k, d, 3 * k);
                floatRows(d, 0, k, 2 * k, 3 * k, j, count, n, x, xOff, ldx, y, yOff, ldy);
            }
        }
    }

    /** Four float32 rows of W (at o0..o3 in w) times every x_b: two streams at a time share each row load. */
    private void floatRows(float[] w, int o0, int o1, int o2, int o3, int j, int count, int n,
                           float[] x, int xOff, int ldx, float[] y, int yOff, int ldy) {
        int k = cols, kv = S.loopBound(k);
        int b = 0;
        for (; b + 2 <= n; b += 2) {
            int xa = xOff + b * ldx, xb = xa + ldx;
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            for (int p = 0; p < kv; p += L) {
                FloatVector u = FloatVector.fromArray(S, x, xa + p), v = FloatVector.fromArray(S, x, xb + p);
                FloatVector w0 = FloatVector.fromArray(S, w, o0 + p), w1 = FloatVector.fromArray(S, w, o1 + p);
                FloatVector w2 = FloatVector.fromArray(S, w, o2 + p), w3 = FloatVector.fromArray(S, w, o3 + p);
                a0 = u.fma(w0, a0);
                a1 = u.fma(w1, a1);
                a2 = u.fma(w2, a2);
                a3 = u.fma(w3, a3);
                c0 = v.fma(w0, c0);
                c1 = v.fma(w1, c1);
                c2 = v.fma(w2, c2);
                c3 = v.fma(w3, c3);
            }
            int ya = yOff + b * ldy + j, yb = ya + ldy;
            store(y, ya, j, sum(a0) + tail(kv, x, xa, w, o0));
            if (count > 1) store(y, ya + 1, j + 1, sum(a1) + tail(kv, x, xa, w, o1));
            if (count > 2) store(y, ya + 2, j + 2, sum(a2) + tail(kv, x, xa, w, o2));
            if (count > 3) store(y, ya + 3, j + 3, sum(a3) + tail(kv, x, xa, w, o3));
            store(y, yb, j, sum(c0) + tail(kv, x, xb, w, o0));
            if (count > 1) store(y, yb + 1, j + 1, sum(c1) + tail(kv, x, xb, w, o1));
            if (count > 2) store(y, yb + 2, j + 2, sum(c2) + tail(kv, x, xb, w, o2));
            if (count > 3) store(y, yb + 3, j + 3, sum(c3) + tail(kv, x, xb, w, o3));
        }
        if (b < n) {
            int xa = xOff + b * ldx;
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int p = 0; p < kv; p += L) {
                FloatVector u = FloatVector.fromArray(S, x, xa + p);
                a0 = u.fma(FloatVector.fromArray(S, w, o0 + p), a0);
                a1 = u.fma(FloatVector.fromArray(S, w, o1 + p), a1);
                a2 = u.fma(FloatVector.fromArray(S, w, o2 + p), a2);
                a3 = u.fma(FloatVector.fromArray(S, w, o3 + p), a3);
            }
            int ya = yOff + b * ldy + j;
            store(y, ya, j, sum(a0) + tail(kv, x, xa, w, o0));
            if (count > 1) store(y, ya + 1, j + 1, sum(a1) + tail(kv, x, xa, w, o1));
            if (count > 2) store(y, ya + 2, j + 2, sum(a2) + tail(kv, x, xa, w, o2));
            if (count > 3) store(y, ya + 3, j + 3, sum(a3) + tail(kv, x, xa, w, o3));
        }
    }

    /** One stream, int8 rows converted in registers: the same operations as decoding first, so the same bits. */
    private void int8Rows(int o0, int o1, int o2, int o3, int j, int count, float[] x, int xOff, float[] y, int yOff) {
        int kv = S.loopBound(cols);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int p = 0; p < kv; p += L) {
            FloatVector u = FloatVector.fromArray(S, x, xOff + p);
            a0 = u.fma(int8At(o0 + p), a0);
            a1 = u.fma(int8At(o1 + p), a1);
            a2 = u.fma(int8At(o2 + p), a2);
            a3 = u.fma(int8At(o3 + p), a3);
        }
        int ya = yOff + j;
        store(y, ya, j, sum(a0) + decodedTail(kv, x, xOff, o0));
        if (count > 1) store(y, ya + 1, j + 1, sum(a1) + decodedTail(kv, x, xOff, o1));
        if (count > 2) store(y, ya + 2, j + 2, sum(a2) + decodedTail(kv, x, xOff, o2));
        if (count > 3) store(y, ya + 3, j + 3, sum(a3) + decodedTail(kv, x, xOff, o3));
    }

    /** One stream, bf16 rows widened in registers. */
    private void bf16Rows(int o0, int o1, int o2, int o3, int j, int count, float[] x, int xOff, float[] y, int yOff) {
        int kv = S.loopBound(cols);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int p = 0; p < kv; p += L) {
            FloatVector u = FloatVector.fromArray(S, x, xOff + p);
            a0 = u.fma(bf16At(o0 + p), a0);
            a1 = u.fma(bf16At(o1 + p), a1);
            a2 = u.fma(bf16At(o2 + p), a2);
            a3 = u.fma(bf16At(o3 + p), a3);
        }
        int ya = yOff + j;
        store(y, ya, j, sum(a0) + decodedTail(kv, x, xOff, o0));
        if (count > 1) store(y, ya + 1, j + 1, sum(a1) + decodedTail(kv, x, xOff, o1));
        if (count > 2) store(y, ya + 2, j + 2, sum(a2) + decodedTail(kv, x, xOff, o2));
        if (count > 3) store(y, ya + 3, j + 3, sum(a3) + decodedTail(kv, x, xOff, o3));
    }

    private FloatVector int8At(int i) {
        return (FloatVector) ByteVector.fromArray(BYTES, int8, i).convertShape(VectorOperators.B2F, S, 0);
    }

    /** bf16 is the high half of a float32: sign-extend to 32 bits, shift the 16 bits up. */
    private FloatVector bf16At(int i) {
        return ((IntVector) ShortVector.fromArray(SHORTS, bf16, i).convertShape(VectorOperators.S2I, INTS, 0))
                .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** Row elements {@code [o, o + cols)} as float32 into {@code d[dOff ..]}. */
    private void decode(int o, float[] d, int dOff) {
        int p = 0;
        if (VECTOR_DECODE) {
            for (int kv = S.loopBound(cols); p < kv; p += L) {
                (precision == WeightPrecision.INT8 ? int8At(o + p) : bf16At(o + p)).intoArray(d, dOff + p);
            }
        }
        for (; p < cols; p++) d[dOff + p] = element(o + p);
    }

    private float element(int i) {
        return precision == WeightPrecision.INT8 ? (float) int8[i] : Float.intBitsToFloat(bf16[i] << 16);
    }

    /** The scalar tail of a dot product with a float32 row. */
    private float tail(int from, float[] x, int xOff, float[] w, int o) {
        float s = 0f;
        for (int p = from; p < cols; p++) s = Math.fma(x[xOff + p], w[o + p], s);
        return s;
    }

    /** The same tail over a stored int8 or bf16 row. */
    private float decodedTail(int from, float[] x, int xOff, int o) {
        float s = 0f;
        for (int p = from; p < cols; p++) s = Math.fma(x[xOff + p], element(o + p), s);
        return s;
    }

    /** Lanes added left to right, as {@link GemmRowVector} adds them. */
    private static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < L; i++) s += v.lane(i);
        return s;
    }

    /** y[i] += dot (times row j's scale for int8). */
    private void store(float[] y, int i, int j, float dot) {
        y[i] = (scales == null ? dot : dot * scales[j]) + y[i];
    }
}
