package dev.rnn4j.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ShareBalanceTest {
    /** One window of calls in which share t took {@code nanos[t]} each time. */
    private static void window(ShareBalance b, long... nanos) {
        for (int i = 0; i < ShareBalance.WINDOW; i++) b.update(b.starts(), nanos);
    }

    private static int[] counts(ShareBalance b) {
        int[] s = b.starts(), c = new int[s.length - 1];
        for (int t = 0; t < c.length; t++) c[t] = s[t + 1] - s[t];
        return c;
    }

    @Test
    void startsEvenAndCoversEveryUnitOnce() {
        ShareBalance b = new ShareBalance(16, 3);
        assertArrayEquals(new int[] {0, 5, 10, 16}, b.starts());
        assertEquals(3, b.tasks());
    }

    @Test
    void aSlowerShareGivesUnitsToTheFasterUntilTheirTimesMeet() {
        ShareBalance b = new ShareBalance(16, 2);
        // share 1's thread runs at 60% of share 0's pace: a unit takes 1.0 on thread 0 and 1/0.6 on thread 1
        for (int w = 0; w < 20; w++) {
            int[] c = counts(b);
            window(b, 1000L * c[0], Math.round(1000 * c[1] / 0.6));
        }
        assertArrayEquals(new int[] {10, 6}, counts(b), "times 10 against 10");
        assertArrayEquals(new int[] {0, 10, 16}, b.starts());
    }

    @Test
    void movesOneUnitPerWindowAndOnlyAfterAWholeWindow() {
        ShareBalance b = new ShareBalance(16, 2);
        for (int i = 0; i < ShareBalance.WINDOW - 1; i++) b.update(b.starts(), new long[] {100, 900});
        assertArrayEquals(new int[] {8, 8}, counts(b), "no move before the window is full");
        b.update(b.starts(), new long[] {100, 900});
        assertArrayEquals(new int[] {9, 7}, counts(b), "one unit per window, however large the gap");
    }

    @Test
    void timesWithinATenthLeaveTheSplitAlone() {
        ShareBalance b = new ShareBalance(16, 2);
        for (int w = 0; w < 5; w++) window(b, 1000, 1090);
        assertArrayEquals(new int[] {8, 8}, counts(b));
        window(b, 1000, 1120);
        assertArrayEquals(new int[] {9, 7}, counts(b));
    }

    @Test
    void sharesBetweenTheSlowestAndFastestShiftAndKeepTheirSize() {
        ShareBalance b = new ShareBalance(12, 3);
        window(b, 100, 100, 500);   // share 2 slowest, share 0 fastest: share 1 moves up by one unit
        assertArrayEquals(new int[] {0, 5, 9, 12}, b.starts());
        window(b, 500, 100, 100);   // now share 0 slowest, share 1 or 2 fastest
        assertArrayEquals(new int[] {4, 5, 3}, counts(b));
    }

    @Test
    void aShareKeepsAtLeastOneUnit() {
        ShareBalance b = new ShareBalance(4, 2);
        for (int w = 0; w < 10; w++) window(b, 1, 1000);
        assertArrayEquals(new int[] {3, 1}, counts(b));
    }

    @Test
    void timesOfAReplacedSplitAreIgnored() {
        ShareBalance b = new ShareBalance(16, 2);
        int[] old = b.starts();
        window(b, 100, 900);   // the split moves
        for (int i = 0; i < 3 * ShareBalance.WINDOW; i++) b.update(old, new long[] {900, 100});
        assertArrayEquals(new int[] {9, 7}, counts(b));
    }

    @Test
    void needsAUnitPerTask() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ShareBalance(1, 2));
        assertEquals("need at least one unit per task, got 1 units for 2 tasks", e.getMessage());
    }
}
