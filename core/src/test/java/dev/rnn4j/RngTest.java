package dev.rnn4j;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RngTest {
    @Test
    void sameSeedSameStreamAndRestoreContinuesExactly() {
        Rng a = new Rng(7), b = new Rng(7);
        for (int i = 0; i < 100; i++) assertEquals(a.nextLong(), b.nextLong());
        long saved = a.state();
        float next = a.nextFloat();
        assertEquals(next, new Rng(0).restore(saved).nextFloat());
    }

    @Test
    void uniformStaysInRange() {
        Rng r = new Rng(1);
        for (int i = 0; i < 10000; i++) {
            float u = r.uniform(-0.5f, 0.5f);
            assertTrue(u >= -0.5f && u < 0.5f, "got " + u);
            int k = r.nextInt(7);
            assertTrue(k >= 0 && k < 7);
        }
    }
}
