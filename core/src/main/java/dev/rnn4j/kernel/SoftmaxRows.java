package dev.rnn4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.FMA;

/**
 * The pieces of a softmax over one row of float logits, in double: the row maximum m, each {@code e^(x_j − m)} and
 * their sum, as cross-entropy needs them.
 *
 * <pre>{@code
 * double m = SoftmaxRows.max(logits, off, c);
 * double z = SoftmaxRows.shiftedExps(logits, off, c, m, exps);   // exps[j] = e^(x_j − m), z = Σ exps[j]
 * }</pre>
 *
 * <p>Why not {@link Math#exp}: one call per logit took ~5 ns, 3–4% of a training step of a 128- or 256-wide model
 * with 65 classes (cross-entropy 850 µs of a 2,500 × 65 batch on one thread). The vector exp here takes a fraction
 * of that. It is built, as {@link Activations}' float one, from operations IEEE 754 rounds once, so every JIT tier,
 * every lane and the scalar tail give the same bits; and the sum runs in four fixed interleaved parts whatever the
 * vector width, so the bits do not depend on the machine either.
 *
 * <p>The algorithm, in double, for {@code x ≤ 0} (x − m never exceeds 0): {@code n = round(x·log₂e)},
 * {@code r = x − n·ln2} (Cody–Waite, ln2 in two parts), {@code e^r} by its Taylor series to r¹² (Horner, fma; the
 * first term left out, r¹³/13!, is below 1.7e-16 for |r| ≤ ln2/2), times {@code 2^n} built in the exponent bits.
 * x is clamped to −708 (e^−708 ≈ 3.3e-308, near the smallest normal double): terms that small are far below a float
 * ulp of any probability; NaN stays NaN. Measured against {@link Math#exp} on [−708, 0]: within 3.2e-16 relative
 * ({@code SoftmaxRowsTest}).
 */
public final class SoftmaxRows {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer, kept in the low bits. */
    private static final double ROUND = 0x1.8p52;
    private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO (fdlibm's split); LN2_HI ends in 21 zero bits, so n·LN2_HI is exact for |n| ≤ 1,022. */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** Inputs are clamped here: 2^n stays a normal double. */
    private static final double EXP_LO = -708;
    /** 1/k! for k = 2..12, the Taylor coefficients of e^r after 1 + r. */
    private static final double[] INVERSE_FACTORIALS = inverseFactorials(12);
    private static final double C2 = INVERSE_FACTORIALS[2], C3 = INVERSE_FACTORIALS[3],
            C4 = INVERSE_FACTORIALS[4], C5 = INVERSE_FACTORIALS[5], C6 = INVERSE_FACTORIALS[6],
            C7 = INVERSE_FACTORIALS[7], C8 = INVERSE_FACTORIALS[8], C9 = INVERSE_FACTORIALS[9],
            C10 = INVERSE_FACTORIALS[10], C11 = INVERSE_FACTORIALS[11], C12 = INVERSE_FACTORIALS[12];

    private SoftmaxRows() {}

    /** The largest of {@code x[off..off+n)} (NaN if any is NaN), as a double. */
    public static double max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        int j = 0;
        if (n >= F.length()) {
            FloatVector v = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int bound = F.loopBound(n); j < bound; j += F.length()) {
                v = v.max(FloatVector.fromArray(F, x, off + j));
            }
            m = v.reduceLanes(VectorOperators.MAX);   // max is exact: the order of the lanes does not matter
        }
        for (; j < n; j++) m = Math.max(m, x[off + j]);
        return m;
    }

    /**
     * Fills {@code exps[0..n)} with {@code e^(x_j − shift)} (x from {@code off}; {@code shift} at least every x, as the
     * row maximum is) and returns their sum, added in four interleaved parts then {@code (s0 + s1) + (s2 + s3)}.
     */
    public static double shiftedExps(float[] x, int off, int n, double shift, double[] exps) {
        for (int j = 0; j < n; j++) exps[j] = x[off + j] - shift;   // in double, as Math.exp's argument was
        int j = 0;
        for (int bound = D.loopBound(n); j < bound; j += D.length()) {
            exp(DoubleVector.fromArray(D, exps, j)).intoArray(exps, j);
        }
        for (; j < n; j++) exps[j] = exp(exps[j]);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            s0 += exps[k];
            s1 += exps[k + 1];
            s2 += exps[k + 2];
            s3 += exps[k + 3];
        }
        if (k < n) s0 += exps[k];
        if (k + 1 < n) s1 += exps[k + 1];
        if (k + 2 < n) s2 += exps[k + 2];
        return (s0 + s1) + (s2 + s3);
    }

    /** e^x for x ≤ 0, the vector version. */
    static DoubleVector exp(DoubleVector x) {
        x = x.blend(EXP_LO, x.lt(EXP_LO));                // NaN compares false and stays
        DoubleVector t = x.fma(LOG2E, ROUND);              // round(x·log₂e) + 1.5·2^52, one rounding
        DoubleVector n = t.sub(ROUND);                     // exact
        DoubleVector r = n.lanewise(FMA, -LN2_LO, n.lanewise(FMA, -LN2_HI, x));
        DoubleVector p = r.fma(C12, C11).lanewise(FMA, r, C10).lanewise(FMA, r, C9).lanewise(FMA, r, C8)
                .lanewise(FMA, r, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5).lanewise(FMA, r, C4)
                .lanewise(FMA, r, C3).lanewise(FMA, r, C2).lanewise(FMA, r, 1.0).lanewise(FMA, r, 1.0);
        DoubleVector scale = t.reinterpretAsLongs().sub(ROUND_BITS - 1023).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();                   // 2^n: exponent field n + 1023
        return p.mul(scale);
    }

    /** e^x for x ≤ 0, the same steps as the vector version in the same order, so the bits match a lane's. */
    static double exp(double x) {
        x = x < EXP_LO ? EXP_LO : x;
        double t = Math.fma(x, LOG2E, ROUND);
        double n = t - ROUND;
        double r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, x));
        double p = Math.fma(r, C12, C11);
        p = Math.fma(p, r, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - (ROUND_BITS - 1023)) << 52);
        return p * scale;
    }

    private static double[] inverseFactorials(int k) {
        double[] c = new double[k + 1];
        c[0] = 1;
        for (int i = 1; i <= k; i++) c[i] = c[i - 1] / i;
        return c;
    }
}
