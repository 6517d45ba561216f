package dev.rnn4j.lm;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SamplerTest {
    private static final float[] LOGITS = {2f, 1f, 0.5f, -1f, 3f};

    @Test
    void greedyTakesArgmax() {
        assertEquals(4, new Sampler(5, new SamplingConfig(1, 0, 1, true), new Rng(1)).next(LOGITS, 0));
    }

    @Test
    void topKOneIsGreedyAndTopKTwoNeverLeavesTheTwoBest() {
        Sampler k1 = new Sampler(5, new SamplingConfig(1, 1, 1, false), new Rng(3));
        Sampler k2 = new Sampler(5, new SamplingConfig(1, 2, 1, false), new Rng(3));
        int[] counts = new int[5];
        for (int i = 0; i < 2000; i++) {
            assertEquals(4, k1.next(LOGITS, 0));
            counts[k2.next(LOGITS, 0)]++;
        }
        assertEquals(0, counts[1] + counts[2] + counts[3]);
        assertTrue(counts[4] > counts[0] && counts[0] > 0);
    }

    @Test
    void topPKeepsTheNucleus() {
        double[] p = new double[5];
        Sampler.probabilities(LOGITS, 0, 1, p);   // p[4] ~ 0.61, p[0] ~ 0.22
        Sampler s = new Sampler(5, new SamplingConfig(1, 0, 0.7, false), new Rng(5));
        for (int i = 0; i < 2000; i++) {
            int t = s.next(LOGITS, 0);
            assertTrue(t == 4 || t == 0, "token " + t + " outside the 0.7 nucleus");
        }
    }

    @Test
    void frequenciesFollowTheTemperedSoftmax() {
        double[] p = new double[5];
        Sampler.probabilities(LOGITS, 0, 0.5, p);
        Sampler s = new Sampler(5, new SamplingConfig(0.5, 0, 1, false), new Rng(11));
        int n = 40000;
        int[] counts = new int[5];
        for (int i = 0; i < n; i++) counts[s.next(LOGITS, 0)]++;
        for (int i = 0; i < 5; i++) assertEquals(p[i], counts[i] / (double) n, 0.01, "token " + i);
    }

    @Test
    void sameSeedSameDrawsAndBadArgumentsAreNamed() {
        Sampler a = new Sampler(5, SamplingConfig.DEFAULT, new Rng(9)),
                b = new Sampler(5, SamplingConfig.DEFAULT, new Rng(9));
        for (int i = 0; i < 100; i++) assertEquals(a.next(LOGITS, 0), b.next(LOGITS, 0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(0, 0, 1, false));
        assertTrue(e.getMessage().contains("temperature"));
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, 0, 1.5, false));
    }
}
