package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Activations}: accurate against double precision, the vector lanes bitwise equal to the scalar
 * function, and the same bits in every JIT tier.
 *
 * <p>Tolerance 2e-7 relative: about two float ulps, what a polynomial evaluated in float can promise (an
 * exhaustive sweep of all floats in [−100, 100] measured tanh 1.42e-7 and σ 1.48e-7). σ values below 2^−126
 * (subnormal, a < −87) are checked absolutely to 2^−126, since we return 0 for a < −88.
 */
class ActivationsTest {
    private static final double REL = 2e-7, TINY = 0x1p-126;

    private static double sigmoidExact(float a) { return 1.0 / (1.0 + Math.exp(-(double) a)); }

    /** Inputs for the accuracy checks: every 499th float in [−100, 100] and every float in [0.6, 0.65]. */
    private static float[] sweep() {
        int top = Float.floatToRawIntBits(100f), lo = Float.floatToRawIntBits(0.6f),
                hi = Float.floatToRawIntBits(0.65f);
        List<Float> xs = new ArrayList<>();
        for (int b = 0; b <= top; b += 499) { xs.add(Float.intBitsToFloat(b)); xs.add(-Float.intBitsToFloat(b)); }
        for (int b = lo; b <= hi; b++) { xs.add(Float.intBitsToFloat(b)); xs.add(-Float.intBitsToFloat(b)); }
        float[] x = new float[xs.size()];
        for (int i = 0; i < x.length; i++) x[i] = xs.get(i);
        return x;
    }

    /**
     * Every float within 2,048 ulps of the points where exp's clamp and σ's cut-off act (e^x for x in [−87, 88], so
     * σ at ±87, ±88 and tanh at ±43.5, ±44), and of 0, with ±∞ and NaNs: the vector code clamps by compares and
     * blends, the scalar code by Math.max and Math.min, and the two must agree there bit for bit.
     */
    private static float[] clampEdges() {
        List<Float> xs = new ArrayList<>(List.of(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.intBitsToFloat(0x7fc0_0001), Float.intBitsToFloat(0xffc0_0000), -0f, 0f));
        for (float edge : new float[] {87f, 88f, 43.5f, 44f, Float.MIN_VALUE}) {
            int bits = Float.floatToRawIntBits(edge);
            for (int d = -2048; d <= 2048; d++) {
                xs.add(Float.intBitsToFloat(bits + d));
                xs.add(-Float.intBitsToFloat(bits + d));
            }
        }
        float[] x = new float[xs.size()];
        for (int i = 0; i < x.length; i++) x[i] = xs.get(i);
        return x;
    }

    @Test
    void tanhIsWithinTwoUlpsOfDoublePrecision() {
        double worst = 0;
        for (float x : sweep()) {
            double exact = Math.tanh(x), got = Activations.tanh(x);
            double rel = exact == 0 ? Math.abs(got) : Math.abs(got - exact) / Math.abs(exact);
            assertTrue(rel <= REL, () -> "tanh(" + x + ") = " + got + ", exact " + exact);
            worst = Math.max(worst, rel);
        }
        assertTrue(worst > 1e-8, "the check can fail: some error must show, got " + worst);
    }

    @Test
    void sigmoidIsWithinTwoUlpsOfDoublePrecision() {
        for (float a : sweep()) {
            double exact = sigmoidExact(a), got = Activations.sigmoid(a);
            boolean ok = exact >= TINY ? Math.abs(got - exact) <= REL * exact : Math.abs(got - exact) <= TINY;
            assertTrue(ok, () -> "sigmoid(" + a + ") = " + got + ", exact " + exact);
        }
    }

    @Test
    void specialValues() {
        assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
        assertTrue(Float.isNaN(Activations.sigmoid(Float.NaN)));
        assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Activations.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Activations.tanh(20f));
        assertEquals(-1f, Activations.tanh(-1e30f));
        assertEquals(1f, Activations.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, Activations.sigmoid(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Activations.sigmoid(20f));
        assertEquals(0f, Activations.sigmoid(-100f));
        assertEquals(0.5f, Activations.sigmoid(0f));
        assertEquals(0.5f, Activations.sigmoid(-0f));
        // tanh keeps the sign of zero and is the identity on tiny values, as Math.tanh is.
        for (float x : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -3e-12f})
            assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(Activations.tanh(x)), "tanh(" + x + ")");
    }

    @Test
    void oddAndSymmetric() {
        for (float x : sweep()) {
            assertEquals(Float.floatToRawIntBits(-Activations.tanh(x)), Float.floatToRawIntBits(Activations.tanh(-x)));
            // σ(−a) = 1 − σ(a) holds only to rounding; both sides stay within an ulp of each other near 0.5.
            if (Math.abs(x) < 1f) assertEquals(1f - Activations.sigmoid(x), Activations.sigmoid(-x), 1.2e-7f);
        }
    }

    /** The vector kernels' full-width body and their scalar tails must give the same bits for the same input. */
    @Test
    void vectorLanesEqualTheScalarFunctionBitwise() {
        Rng rng = new Rng(7);
        float[] x = new float[1 << 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> (float) (rng.nextGaussian() * 3);
                case 1 -> (float) (rng.nextGaussian() * 50);
                case 2 -> Float.intBitsToFloat((int) rng.nextLong());    // any float, NaNs and ∞ included
                default -> rng.uniform(-0.7f, 0.7f);
            };
        }
        float[] v = sweep(), e = clampEdges();
        float[] all = new float[x.length + v.length + e.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(v, 0, all, x.length, v.length);
        System.arraycopy(e, 0, all, x.length + v.length, e.length);
        int step = Activations.S.length(), n = Activations.S.loopBound(all.length);
        float[] sig = new float[n], tanh = new float[n];
        for (int j = 0; j < n; j += step) {
            FloatVector a = FloatVector.fromArray(Activations.S, all, j);
            Activations.sigmoid(a).intoArray(sig, j);
            Activations.tanh(a).intoArray(tanh, j);
        }
        for (int j = 0; j < n; j++) {
            float a = all[j];
            assertEquals(Float.floatToIntBits(Activations.sigmoid(a)), Float.floatToIntBits(sig[j]),
                    () -> "sigmoid(" + a + ")");
            assertEquals(Float.floatToIntBits(Activations.tanh(a)), Float.floatToIntBits(tanh[j]),
                    () -> "tanh(" + a + ")");
        }
    }

    /**
     * Same bits before and after C2 compiles the code, and in fresh JVMs that only interpret or only use C1.
     * Math.exp and the Vector API's EXP/TANH fail this: their intrinsics differ from the fallbacks by an ulp.
     */
    @Test
    void sameBitsInEveryExecutionTier() throws Exception {
        String first = ActivationsChecksum.of(1);
        String warm = ActivationsChecksum.of(2_000);   // 8M vector calls: C2 has compiled everything by now
        assertEquals(first, warm, "first call vs after warm-up");
        assertEquals(warm, ChildJvm.output(ActivationsChecksum.class, "-Xint"), "interpreter only");
        assertEquals(warm, ChildJvm.output(ActivationsChecksum.class, "-XX:TieredStopAtLevel=1"), "C1 only");
    }
}
