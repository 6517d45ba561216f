package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link InferenceMatrix}'s product over one float32 panel: {@code P = 2·lanes}
 * consecutive output rows of W stored interleaved by k ({@code w[wo + k·P + j]} is row j's weight k), so one
 * step of k loads two vectors of weights and broadcasts one input per stream. Every output is one fused
 * multiply-add chain over k in order, {@code acc = x[b, k]·w[j, k] + acc} from 0, then {@code y + acc}:
 * the same operations whatever tile computes it, so a stream's bits do not
 * depend on how many streams share the call, on how they are grouped, or on the thread count.
 */
final class InferencePanels {
    static final VectorSpecies<Float> S = GemmMicroKernel.S;
    static final int L = S.length();
    /**
     * Output rows per panel: two vectors, so a tile of four streams holds eight accumulators. (Six streams,
     * twelve accumulators, fill AVX2's sixteen registers: C2's code for it was fast in some runs and 3× slower
     * in others.)
     */
    static final int P = 2 * L;
    /**
     * Streams per tile of eight ({@link #eight}) where 32 vector registers hold its sixteen accumulators (AVX-512),
     * their inputs packed as {@link GemmMicroKernel}'s A panels (step p of stream i at {@code p·8 + i}): measured
     * on an Intel Xeon, one thread, 64 streams over 2048 × 512 float32 weights: 118-121 GFLOP/s against 81-82 for
     * tiles of four.
     */
    static final boolean EIGHT_STREAMS = GemmMicroKernel.MR == 8;

    private InferencePanels() {}

    /**
     * Streams [b0, b1) of the panel times x: tiles of eight from {@code packedX} (streams b0, b0 + 1, ... packed
     * as {@link GemmPacking#packA} packs 8-row panels; null: none), then tiles of four, then single streams. All P
     * rows of y are written. With {@code scales} (int8: the panel's P row scales from {@code sOff}) each sum is
     * multiplied by its row's scale before it is added to y; null adds the sums as they are.
     */
    static void streams(int b0, int b1, int k, float[] w, int wo, float[] x, int xOff, int ldx, float[] packedX,
                        float[] y, int yOff, int ldy, float[] scales, int sOff) {
        int b = b0;
        if (packedX != null) {
            for (int g = 0; b + 8 <= b1; b += 8, g++) {
                eight(k, w, wo, packedX, g * 8 * k, y, yOff + b * ldy, ldy, scales, sOff);
            }
        }
        for (; b + 4 <= b1; b += 4) four(k, w, wo, x, xOff + b * ldx, ldx, y, yOff + b * ldy, ldy, scales, sOff);
        for (; b < b1; b++) one(k, w, wo, x, xOff + b * ldx, y, yOff + b * ldy, scales, sOff);
    }

    /**
     * Eight streams (inputs packed from {@code xo}: step p of stream i at {@code xp[xo + p·8 + i]}) × one panel:
     * sixteen accumulators, two loads of weights and eight broadcasts per step, as {@link GemmMicroKernel}'s
     * 8-row tile. The sums are added to y by code written out here, as in every kernel of this class: a helper taking
     * the accumulators, once left out of line by the JIT, boxed every one of them (12 GFLOP/s instead of 118).
     */
    private static void eight(int k, float[] w, int wo, float[] xp, int xo, float[] y, int y0, int ldy,
                              float[] scales, int sOff) {
        FloatVector a0 = FloatVector.zero(S), c0 = a0, a1 = a0, c1 = a0, a2 = a0, c2 = a0, a3 = a0, c3 = a0;
        FloatVector a4 = a0, c4 = a0, a5 = a0, c5 = a0, a6 = a0, c6 = a0, a7 = a0, c7 = a0;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P, q = xo + p * 8;
            FloatVector lo = FloatVector.fromArray(S, w, o), hi = FloatVector.fromArray(S, w, o + L);
            FloatVector v = FloatVector.broadcast(S, xp[q]);
            a0 = v.fma(lo, a0);
            c0 = v.fma(hi, c0);
            v = FloatVector.broadcast(S, xp[q + 1]);
            a1 = v.fma(lo, a1);
            c1 = v.fma(hi, c1);
            v = FloatVector.broadcast(S, xp[q + 2]);
            a2 = v.fma(lo, a2);
            c2 = v.fma(hi, c2);
            v = FloatVector.broadcast(S, xp[q + 3]);
            a3 = v.fma(lo, a3);
            c3 = v.fma(hi, c3);
            v = FloatVector.broadcast(S, xp[q + 4]);
            a4 = v.fma(lo, a4);
            c4 = v.fma(hi, c4);
            v = FloatVector.broadcast(S, xp[q + 5]);
            a5 = v.fma(lo, a5);
            c5 = v.fma(hi, c5);
            v = FloatVector.broadcast(S, xp[q + 6]);
            a6 = v.fma(lo, a6);
            c6 = v.fma(hi, c6);
            v = FloatVector.broadcast(S, xp[q + 7]);
            a7 = v.fma(lo, a7);
            c7 = v.fma(hi, c7);
        }
        if (scales != null) {
            FloatVector sLo = FloatVector.fromArray(S, scales, sOff), sHi = FloatVector.fromArray(S, scales, sOff + L);
            a0 = a0.mul(sLo);
            c0 = c0.mul(sHi);
            a1 = a1.mul(sLo);
            c1 = c1.mul(sHi);
            a2 = a2.mul(sLo);
            c2 = c2.mul(sHi);
            a3 = a3.mul(sLo);
            c3 = c3.mul(sHi);
            a4 = a4.mul(sLo);
            c4 = c4.mul(sHi);
            a5 = a5.mul(sLo);
            c5 = c5.mul(sHi);
            a6 = a6.mul(sLo);
            c6 = c6.mul(sHi);
            a7 = a7.mul(sLo);
            c7 = c7.mul(sHi);
        }
        FloatVector.fromArray(S, y, y0).add(a0).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(c0).intoArray(y, y0 + L);
        FloatVector.fromArray(S, y, y0 + ldy).add(a1).intoArray(y, y0 + ldy);
        FloatVector.fromArray(S, y, y0 + ldy + L).add(c1).intoArray(y, y0 + ldy + L);
        FloatVector.fromArray(S, y, y0 + 2 * ldy).add(a2).intoArray(y, y0 + 2 * ldy);
        FloatVector.fromArray(S, y, y0 + 2 * ldy + L).add(c2).intoArray(y, y0 + 2 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 3 * ldy).add(a3).intoArray(y, y0 + 3 * ldy);
        FloatVector.fromArray(S, y, y0 + 3 * ldy + L).add(c3).intoArray(y, y0 + 3 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 4 * ldy).add(a4).intoArray(y, y0 + 4 * ldy);
        FloatVector.fromArray(S, y, y0 + 4 * ldy + L).add(c4).intoArray(y, y0 + 4 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 5 * ldy).add(a5).intoArray(y, y0 + 5 * ldy);
        FloatVector.fromArray(S, y, y0 + 5 * ldy + L).add(c5).intoArray(y, y0 + 5 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 6 * ldy).add(a6).intoArray(y, y0 + 6 * ldy);
        FloatVector.fromArray(S, y, y0 + 6 * ldy + L).add(c6).intoArray(y, y0 + 6 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 7 * ldy).add(a7).intoArray(y, y0 + 7 * ldy);
        FloatVector.fromArray(S, y, y0 + 7 * ldy + L).add(c7).intoArray(y, y0 + 7 * ldy + L);
    }

    private static void four(int k, float[] w, int wo, float[] x, int x0, int ldx, float[] y, int y0, int ldy,
                             float[] scales, int sOff) {
        int x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P;
            FloatVector lo = FloatVector.fromArray(S, w, o), hi = FloatVector.fromArray(S, w, o + L);
            FloatVector v = FloatVector.broadcast(S, x[x0 + p]);
            a0 = v.fma(lo, a0);
            c0 = v.fma(hi, c0);
            v = FloatVector.broadcast(S, x[x1 + p]);
            a1 = v.fma(lo, a1);
            c1 = v.fma(hi, c1);
            v = FloatVector.broadcast(S, x[x2 + p]);
            a2 = v.fma(lo, a2);
            c2 = v.fma(hi, c2);
            v = FloatVector.broadcast(S, x[x3 + p]);
            a3 = v.fma(lo, a3);
            c3 = v.fma(hi, c3);
        }
        if (scales != null) {
            FloatVector sLo = FloatVector.fromArray(S, scales, sOff), sHi = FloatVector.fromArray(S, scales, sOff + L);
            a0 = a0.mul(sLo);
            c0 = c0.mul(sHi);
            a1 = a1.mul(sLo);
            c1 = c1.mul(sHi);
            a2 = a2.mul(sLo);
            c2 = c2.mul(sHi);
            a3 = a3.mul(sLo);
            c3 = c3.mul(sHi);
        }
        FloatVector.fromArray(S, y, y0).add(a0).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(c0).intoArray(y, y0 + L);
        FloatVector.fromArray(S, y, y0 + ldy).add(a1).intoArray(y, y0 + ldy);
        FloatVector.fromArray(S, y, y0 + ldy + L).add(c1).intoArray(y, y0 + ldy + L);
        FloatVector.fromArray(S, y, y0 + 2 * ldy).add(a2).intoArray(y, y0 + 2 * ldy);
        FloatVector.fromArray(S, y, y0 + 2 * ldy + L).add(c2).intoArray(y, y0 + 2 * ldy + L);
        FloatVector.fromArray(S, y, y0 + 3 * ldy).add(a3).intoArray(y, y0 + 3 * ldy);
        FloatVector.fromArray(S, y, y0 + 3 * ldy + L).add(c3).intoArray(y, y0 + 3 * ldy + L);
    }

    private static void one(int k, float[] w, int wo, float[] x, int x0, float[] y, int y0, float[] scales,
                            int sOff) {
        FloatVector a = FloatVector.zero(S), c = a;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P;
            FloatVector v = FloatVector.broadcast(S, x[x0 + p]);
            a = v.fma(FloatVector.fromArray(S, w, o), a);
            c = v.fma(FloatVector.fromArray(S, w, o + L), c);
        }
        if (scales != null) {
            a = a.mul(FloatVector.fromArray(S, scales, sOff));
            c = c.mul(FloatVector.fromArray(S, scales, sOff + L));
        }
        FloatVector.fromArray(S, y, y0).add(a).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(c).intoArray(y, y0 + L);
    }

    /**
     * One stream over two float32 panels at once (four independent chains instead of two: a single chain per
     * vector would wait on the multiply-add latency rather than on the weights).
     */
    static void oneTwoPanels(int k, float[] w, int wo, int wo2, float[] x, int x0, float[] y, int y0, int y2) {
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int p = 0; p < k; p++) {
            int o = wo + p * P, o2 = wo2 + p * P;
            FloatVector v = FloatVector.broadcast(S, x[x0 + p]);
            a = v.fma(FloatVector.fromArray(S, w, o), a);
            c = v.fma(FloatVector.fromArray(S, w, o + L), c);
            d = v.fma(FloatVector.fromArray(S, w, o2), d);
            e = v.fma(FloatVector.fromArray(S, w, o2 + L), e);
        }
        FloatVector.fromArray(S, y, y0).add(a).intoArray(y, y0);
        FloatVector.fromArray(S, y, y0 + L).add(c).intoArray(y, y0 + L);
        FloatVector.fromArray(S, y, y2).add(d).intoArray(y, y2);
        FloatVector.fromArray(S, y, y2 + L).add(e).intoArray(y, y2 + L);
    }
}
