package dev.rnn4j.text;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LengthBatchesTest {
    @Test
    void bucketedBatchesCoverEveryExampleOnceWithSimilarLengths() {
        Rng rng = new Rng(3);
        int[] lengths = new int[1000];
        for (int i = 0; i < lengths.length; i++) lengths[i] = 1 + rng.nextInt(50);
        List<int[]> batches = LengthBatches.bucketed(lengths, 32, new Rng(9));
        int[] seen = new int[lengths.length];
        int spread = 0;
        for (int[] b : batches) {
            assertTrue(b.length >= 1 && b.length <= 32);
            int min = Integer.MAX_VALUE, max = 0;
            for (int i : b) {
                seen[i]++;
                min = Math.min(min, lengths[i]);
                max = Math.max(max, lengths[i]);
            }
            spread += max - min;
        }
        assertTrue(Arrays.stream(seen).allMatch(n -> n == 1), "every example exactly once");
        // Random batches of 32 lengths in 1..50 span about 45; bucketed ones a few.
        assertTrue(spread / (double) batches.size() < 10, "mean length spread " + spread / (double) batches.size());
        assertNotEquals(Arrays.toString(batches.get(0)),
                Arrays.toString(LengthBatches.bucketed(lengths, 32, new Rng(10)).get(0)));
    }

    @Test
    void globallySortedBatchesAreSortedWithinAndShuffledAcross() {
        int[] lengths = {5, 1, 4, 2, 3, 6, 1, 2};
        List<int[]> fixed = LengthBatches.globallySorted(lengths, 3, null);
        assertEquals("[[1, 6, 3], [7, 4, 2], [0, 5]]", Arrays.deepToString(fixed.toArray()));
        List<int[]> shuffled = LengthBatches.globallySorted(lengths, 3, new Rng(1));
        int[] seen = new int[lengths.length];
        for (int[] b : shuffled) for (int i : b) seen[i]++;
        assertTrue(Arrays.stream(seen).allMatch(n -> n == 1), "every example exactly once");
        // Each batch spans a range of lengths no other batch reaches into: the sort was global.
        for (int[] b : shuffled) {
            int min = Arrays.stream(b).map(i -> lengths[i]).min().orElseThrow();
            int max = Arrays.stream(b).map(i -> lengths[i]).max().orElseThrow();
            for (int[] other : shuffled) {
                if (other == b) continue;
                for (int i : other) assertFalse(lengths[i] > min && lengths[i] < max, Arrays.toString(b));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LengthBatches.sorted(lengths, 0));
    }

    @Test
    void permutationHoldsEveryIndexOnceAndDependsOnTheSeed() {
        int[] p = new Rng(5).permutation(100);
        assertArrayEquals(java.util.stream.IntStream.range(0, 100).toArray(), Arrays.stream(p).sorted().toArray());
        assertFalse(Arrays.equals(p, new Rng(6).permutation(100)));
        assertArrayEquals(p, new Rng(5).permutation(100));
    }
}
