package dev.rnn4j.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LrScheduleTest {
    @Test
    void stepDecayMultipliesAtEachDecayPoint() {
        LrSchedule charRnn = LrSchedule.stepDecay(2e-3, 0.97, 1, 10);
        assertEquals(2e-3, charRnn.lr(0));
        assertEquals(2e-3, charRnn.lr(9));
        assertEquals(2e-3 * 0.97, charRnn.lr(10), 1e-18);
        assertEquals(2e-3 * 0.97 * 0.97, charRnn.lr(11), 1e-18);
        // PyTorch StepLR(step_size=3, gamma=0.1): 1, 1, 1, 0.1, 0.1, 0.1, 0.01
        LrSchedule stepLr = LrSchedule.stepDecay(1, 0.1, 3, 3);
        double[] expect = {1, 1, 1, 0.1, 0.1, 0.1, 0.01};
        for (int s = 0; s < expect.length; s++) assertEquals(expect[s], stepLr.lr(s), 1e-15);
    }

    @Test
    void cosineGoesFromLrToMinAndStays() {
        LrSchedule c = LrSchedule.cosine(1.0, 0.1, 100);
        assertEquals(1.0, c.lr(0));
        assertEquals(0.55, c.lr(50), 1e-12);
        assertEquals(0.1, c.lr(100), 1e-12);
        assertEquals(0.1, c.lr(500), 1e-12);
        for (int s = 1; s <= 100; s++) assertTrue(c.lr(s) <= c.lr(s - 1));
    }

    @Test
    void cosineAtAFractionIsTheStepCosineAtThatFractionClamped() {
        LrSchedule c = LrSchedule.cosine(1.0, 0.1, 100);
        for (int s = 0; s <= 100; s += 7) assertEquals(c.lr(s), LrSchedule.cosineAt(1.0, 0.1, s / 100.0), 1e-15);
        assertEquals(1.0, LrSchedule.cosineAt(1.0, 0.1, -0.5));
        assertEquals(0.1, LrSchedule.cosineAt(1.0, 0.1, 3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosineAt(Double.NaN, 0, 0.5));
    }

    @Test
    void warmupRampsLinearlyThenDefersToTheWrappedSchedule() {
        LrSchedule w = LrSchedule.cosine(1.0, 0.0, 100).withWarmup(4);
        assertEquals(0.25 * LrSchedule.cosine(1.0, 0.0, 100).lr(0), w.lr(0), 1e-15);
        assertEquals(0.75 * LrSchedule.cosine(1.0, 0.0, 100).lr(2), w.lr(2), 1e-15);
        assertEquals(LrSchedule.cosine(1.0, 0.0, 100).lr(4), w.lr(4));
        assertEquals(0.5, LrSchedule.constant(1).withWarmup(2).lr(0));
        assertEquals(3.0, LrSchedule.constant(3).withWarmup(0).lr(0));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.stepDecay(1, 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(1).withWarmup(-1));
    }
}
