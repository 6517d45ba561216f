package dev.rnn4j.loss;

import dev.rnn4j.testing.NumericalGradient;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LossTest {
    @Test
    void crossEntropyOfManyRowsHasTheBitsOfARowByRowLoopForAnyThreadCount() {
        int n = 3001, c = 65;
        Tensor logits = Tensor.randn(new Rng(11), n, c);
        int[] targets = new int[n];
        for (int r = 0; r < n; r++) targets[r] = r % 97 == 5 ? -100 : (r * 31) % c;
        // the definition, one row after another: loss summed in row order, softmax minus one-hot over the count
        float[] x = logits.data(), want = new float[n * c];
        int counted = 0;
        for (int t : targets) if (t != -100) counted++;
        double sum = 0, inv = 1.0 / counted;
        for (int r = 0; r < n; r++) {
            if (targets[r] == -100) continue;
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int j = 0; j < c; j++) max = Math.max(max, x[r * c + j]);
            for (int j = 0; j < c; j++) z += Math.exp(x[r * c + j] - max);
            sum += Math.log(z) - (x[r * c + targets[r]] - max);
            for (int j = 0; j < c; j++) want[r * c + j] = (float) (Math.exp(x[r * c + j] - max) * (inv / z));
            want[r * c + targets[r]] = (float) ((Math.exp(x[r * c + targets[r]] - max) / z - 1) * inv);
        }
        try {
            for (int threads : new int[] {1, 2, 3}) {
                dev.rnn4j.kernel.KernelPool.setThreads(threads);
                float[] d = new float[n * c];
                java.util.Arrays.fill(d, Float.NaN);      // ignored rows must be overwritten with zeros too
                assertEquals(sum / counted, new CrossEntropy().compute(logits, targets, d), 0.0, threads + " threads");
                assertArrayEquals(want, d, threads + " threads");
            }
        } finally {
            dev.rnn4j.kernel.KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void crossEntropyGradientMatchesCentralDifferences() {
        Rng rng = new Rng(1);
        Tensor logits = Tensor.randn(rng, 6, 5);
        int[] targets = {0, 4, 2, -100, 1, 3};
        CrossEntropy ce = new CrossEntropy();
        float[] d = new float[30];
        ce.compute(logits, targets, d);
        NumericalGradient.assertMatches("CrossEntropy dLogits",
                NumericalGradient.of(logits.data(), () -> ce.compute(logits, targets, null)), d);
        for (int j = 0; j < 5; j++) assertEquals(0f, d[3 * 5 + j], "ignored row has no gradient");
    }

    @Test
    void crossEntropyMeansOverNonIgnoredRowsAndPerRowAgrees() {
        Tensor logits = Tensor.randn(new Rng(2), 4, 3);
        int[] targets = {2, 0, 0, 1};
        CrossEntropy ce = new CrossEntropy(0);
        float[] rows = ce.perRow(logits, targets);
        assertEquals(0f, rows[1]);
        assertEquals(0f, rows[2]);
        for (int r : new int[] {0, 3}) {
            double lse = 0;
            for (int j = 0; j < 3; j++) lse += Math.exp(logits.get(r, j));
            assertEquals(Math.log(lse) - logits.get(r, targets[r]), rows[r], 1e-6);
        }
        assertEquals((rows[0] + rows[3]) / 2.0, ce.compute(logits, targets, null), 1e-6);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Tensor logits = new Tensor(new float[] {1000f, -1000f, 0f, 3e4f, 3e4f, 3e4f}, 2, 3);
        float[] d = new float[6];
        double l = new CrossEntropy().compute(logits, new int[] {0, 1}, d);
        assertEquals(Math.log(3) / 2, l, 1e-9);
        for (float v : d) assertTrue(Float.isFinite(v));
        assertEquals(1.0 / 6 - 0.5, d[4], 1e-7);
    }

    @Test
    void crossEntropyWithEveryRowIgnoredIsNaNWithZeroGradient() {
        float[] d = {1, 1, 1, 1};
        assertTrue(Double.isNaN(new CrossEntropy().compute(Tensor.zeros(2, 2), new int[] {-100, -100}, d)));
        assertArrayEquals(new float[4], d);
    }

    @Test
    void crossEntropyErrorsNameTheProblem() {
        CrossEntropy ce = new CrossEntropy();
        var t = assertThrows(IllegalArgumentException.class,
                () -> ce.compute(Tensor.zeros(2, 3), new int[] {1, 3}, null));
        assertEquals("CrossEntropy target 3 at row 1 is out of range [0, 3) (ignoreIndex -100)", t.getMessage());
        var s = assertThrows(IllegalArgumentException.class, () -> ce.compute(Tensor.zeros(2, 4, 3), new int[8], null));
        assertTrue(s.getMessage().contains("(B*T, C)"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ce.compute(Tensor.zeros(2, 3), new int[3], null));
        assertThrows(IllegalArgumentException.class, () -> ce.compute(Tensor.zeros(2, 3), new int[2], new float[5]));
    }

    @Test
    void binaryCrossEntropyWithLogitsGradientAndStability() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 7, 2);
        Tensor y = Tensor.zeros(7, 2);
        for (int i = 0; i < 14; i++) y.data()[i] = rng.nextFloat();
        var bce = new BinaryCrossEntropyWithLogits();
        float[] d = new float[14];
        bce.compute(x, y, d);
        NumericalGradient.assertMatches("BCE dLogits",
                NumericalGradient.of(x.data(), () -> bce.compute(x, y, null)), d);
        // log(1 + e^−|x|) form: no overflow at ±100, and the loss of a confident wrong answer is ~|x|.
        Tensor big = new Tensor(new float[] {100f, -100f}, 2);
        d = new float[2];
        double l = bce.compute(big, new Tensor(new float[] {0f, 1f}, 2), d);
        assertEquals(100, l, 1e-9);
        assertEquals(0.5f, d[0], 1e-7);
        assertEquals(-0.5f, d[1], 1e-7);
    }

    @Test
    void meanSquaredErrorValueAndGradient() {
        Rng rng = new Rng(4);
        Tensor x = Tensor.randn(rng, 4, 3), y = Tensor.randn(rng, 4, 3);
        var mse = new MeanSquaredError();
        float[] d = new float[12];
        double l = mse.compute(x, y, d);
        double expect = 0;
        for (int i = 0; i < 12; i++) expect += Math.pow(x.data()[i] - y.data()[i], 2) / 12;
        assertEquals(expect, l, 1e-6);
        NumericalGradient.assertMatches("MSE dInput", NumericalGradient.of(x.data(), () -> mse.compute(x, y, null)), d);
        var e = assertThrows(IllegalArgumentException.class, () -> mse.compute(x, Tensor.zeros(3, 4), null));
        assertEquals("MeanSquaredError expects target of the input's shape [4, 3], got [3, 4]", e.getMessage());
    }
}
