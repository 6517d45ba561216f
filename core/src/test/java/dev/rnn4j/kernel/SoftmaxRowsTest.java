package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SoftmaxRows}: its exp accurate against {@link Math#exp}, the vector lanes bitwise equal to the scalar
 * function, the sum in its fixed order for every row length, and the maximum as a plain loop finds it.
 */
class SoftmaxRowsTest {

    /** Every 2^40th double in [−708, 0], every double near 0 and near −708, the clamp's neighbours. */
    private static double[] sweep() {
        List<Double> xs = new ArrayList<>();
        long top = Double.doubleToRawLongBits(708.0);
        for (long b = 0; b <= top; b += 1L << 40) xs.add(-Double.longBitsToDouble(b));
        for (double edge : new double[] {0.0, 708.0, 0.5 * Math.log(2), Math.log(2), 1.0}) {
            long bits = Double.doubleToRawLongBits(edge);
            for (long d = -1000; d <= 1000; d++) if (bits + d >= 0) xs.add(-Double.longBitsToDouble(bits + d));
        }
        double[] x = new double[xs.size()];
        for (int i = 0; i < x.length; i++) x[i] = xs.get(i);
        return x;
    }

    @Test
    void expIsWithinAFewUlpsOfMathExp() {
        double worst = 0;
        for (double x : sweep()) {
            if (x < -708) continue;                          // clamped, checked below
            double exact = Math.exp(x), got = SoftmaxRows.exp(x);
            double rel = Math.abs(got - exact) / exact;
            assertTrue(rel <= 4e-16, () -> "exp(" + x + ") = " + got + ", Math.exp " + exact);
            worst = Math.max(worst, rel);
        }
        assertTrue(worst > 0, "the check can fail: some difference must show");
    }

    @Test
    void belowTheClampAndAtTheEdgesTheValuesAreAsDocumented() {
        assertEquals(SoftmaxRows.exp(-708.0), SoftmaxRows.exp(-1e6));
        assertEquals(SoftmaxRows.exp(-708.0), SoftmaxRows.exp(Double.NEGATIVE_INFINITY));
        assertTrue(SoftmaxRows.exp(-708.0) < 1e-307);
        assertEquals(1.0, SoftmaxRows.exp(0.0));
        assertEquals(1.0, SoftmaxRows.exp(-0.0));
        assertTrue(Double.isNaN(SoftmaxRows.exp(Double.NaN)));
    }

    @Test
    void vectorLanesEqualTheScalarFunctionBitForBit() {
        double[] x = sweep();
        double[] extra = {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 0.0, -707.9999999999999, -708.0000000000001};
        double[] all = new double[x.length + extra.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(extra, 0, all, x.length, extra.length);
        var species = DoubleVector.SPECIES_PREFERRED;
        double[] lanes = new double[species.length()];
        for (int i = 0; i + species.length() <= all.length; i += species.length()) {
            SoftmaxRows.exp(DoubleVector.fromArray(species, all, i)).intoArray(lanes, 0);
            for (int l = 0; l < lanes.length; l++) {
                double in = all[i + l];
                assertEquals(Double.doubleToRawLongBits(SoftmaxRows.exp(in)), Double.doubleToRawLongBits(lanes[l]),
                        () -> "exp(" + in + ")");
            }
        }
    }

    /** The sum of a row as documented: four interleaved parts of the scalar exps, then (s0 + s1) + (s2 + s3). */
    private static double referenceSum(float[] x, int off, int n, double shift, double[] exps) {
        double[] parts = new double[4];
        for (int j = 0; j < n; j++) {
            exps[j] = SoftmaxRows.exp(x[off + j] - shift);
            parts[j % 4] += exps[j];
        }
        return (parts[0] + parts[1]) + (parts[2] + parts[3]);
    }

    @Test
    void rowsOfEveryLengthGiveTheScalarExpsAndTheFixedOrderSum() {
        Rng rng = new Rng(7);
        for (int n = 1; n <= 70; n++) {
            float[] x = new float[n + 3];
            for (int j = 0; j < x.length; j++) x[j] = (float) (rng.nextGaussian() * 10);
            double max = SoftmaxRows.max(x, 3, n);
            double[] got = new double[n], want = new double[n];
            double z = SoftmaxRows.shiftedExps(x, 3, n, max, got);
            double zRef = referenceSum(x, 3, n, max, want);
            assertEquals(Double.doubleToRawLongBits(zRef), Double.doubleToRawLongBits(z), "sum of " + n);
            for (int j = 0; j < n; j++) {
                assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(got[j]), "exp " + j);
            }
        }
    }

    @Test
    void maxIsThePlainLoopsMaximumNaNIncluded() {
        Rng rng = new Rng(3);
        for (int n = 1; n <= 70; n++) {
            float[] x = new float[n];
            for (int j = 0; j < n; j++) x[j] = (float) rng.nextGaussian();
            float want = Float.NEGATIVE_INFINITY;
            for (float v : x) want = Math.max(want, v);
            assertEquals(want, SoftmaxRows.max(x, 0, n), "n " + n);
            x[n / 2] = Float.NaN;
            assertTrue(Double.isNaN(SoftmaxRows.max(x, 0, n)), "NaN at " + n / 2 + " of " + n);
        }
    }
}
