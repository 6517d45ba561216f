package dev.rnn4j.kernel;

import dev.rnn4j.nn.Dropout;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DropoutMasksTest {
    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The mask as drawn one element after another: the definition the kernel must reproduce bit for bit. */
    private static float[] reference(Rng rng, float p, int n) {
        float scale = 1f / (1f - p);
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) mask[i] = rng.nextFloat() < p ? 0f : scale;
        return mask;
    }

    @Test
    void everyElementAndTheStreamAfterAreThoseOfDrawingOneByOne() {
        int[] sizes = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 32_768, 65_537, 819_200 + 5};
        float[] ps = {0f, 1e-7f, 0.1f, 0.2f, 0.5f, 0.9f, 0.999f};
        for (int threads : new int[] {1, 2, 3}) {
            KernelPool.setThreads(threads);
            for (int n : sizes) {
                for (float p : ps) {
                    long seed = 31L * n + Float.floatToIntBits(p) + threads;
                    Rng expectedRng = new Rng(seed), actualRng = new Rng(seed);
                    float[] expected = reference(expectedRng, p, n);
                    float[] actual = Dropout.fillMask(actualRng, p, new float[n]);
                    assertArrayEquals(expected, actual, "n " + n + ", p " + p + ", threads " + threads);
                    assertEquals(expectedRng.state(), actualRng.state(), "the stream moves past the n draws");
                }
            }
        }
    }

    @Test
    void aDrawExactlyAtTheThresholdIsKeptAsNextFloatKeepsIt() {
        // p = k·2^-24: a draw whose top 24 bits are k gives nextFloat() == p, not < p, so it is kept; k − 1 is dropped
        int k = 3_355_443;
        float p = k / 16777216f;
        int n = 1000;
        for (int position : new int[] {0, 5, 16, 500, n - 1}) {
            for (long u : new long[] {k - 1, k, k + 1}) {
                long state = unmix((u << 40) | 0x123456L) - (position + 1L) * Rng.GOLDEN_GAMMA;
                float[] expected = reference(new Rng(state), p, n);
                assertEquals(u < k ? 0f : 1f / (1f - p), expected[position], "the crafted draw");
                assertArrayEquals(expected, Dropout.fillMask(new Rng(state), p, new float[n]),
                        "u " + u + " at " + position);
            }
        }
    }

    /** The state whose mix is {@code z}: SplitMix64's output function undone step by step. */
    private static long unmix(long z) {
        z = unshift(z, 31);
        z = unshift(z * inverse(Rng.MIX2), 27);
        return unshift(z * inverse(Rng.MIX1), 30);
    }

    private static long unshift(long y, int shift) {
        long x = y;
        for (int i = 0; i < 64 / shift + 1; i++) x = y ^ (x >>> shift);
        return x;
    }

    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) x *= 2 - odd * x;
        return x;
    }

    @Test
    void dropsAboutPOfTheElements() {
        float[] mask = Dropout.fillMask(new Rng(3), 0.2f, new float[1_000_000]);
        int dropped = 0;
        for (float m : mask) if (m == 0f) dropped++;
        assertEquals(200_000, dropped, 2_000);
        for (float m : mask) assertTrue(m == 0f || m == 1.25f, "got " + m);
    }

    @Test
    void skipIsThatManyDraws() {
        Rng a = new Rng(5), b = new Rng(5);
        for (int i = 0; i < 1234; i++) a.nextLong();
        assertEquals(a.nextLong(), b.skip(1234).nextLong());
    }
}
