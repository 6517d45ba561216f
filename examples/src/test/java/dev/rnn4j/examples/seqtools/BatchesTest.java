package dev.rnn4j.examples.seqtools;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BatchesTest {
    @Test
    void bucketedBatchesCoverEveryExampleOnceWithSimilarLengths() {
        Rng rng = new Rng(3);
        int[] lengths = new int[1000];
        for (int i = 0; i < lengths.length; i++) lengths[i] = 1 + rng.nextInt(50);
        List<int[]> batches = Batches.bucketed(lengths, 32, new Rng(9));
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
        assertNotEquals(Arrays.toString(batches.get(0)), Arrays.toString(Batches.bucketed(lengths, 32, new Rng(10)).get(0)));
    }

    @Test
    void vocabularyPutsSpecialsFirstThenFrequentEntries() {
        Vocab v = Vocab.builder("<pad>", "<unk>").add("b").add("a").add("a").add("c").build(1);
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c"), v.entries());
        assertEquals(2, v.count(v.id("a")));
        assertEquals(1, v.idOr("zzz", 1));
        assertEquals(List.of("<pad>", "<unk>", "a"), Vocab.builder("<pad>", "<unk>").add("b").add("a").add("a").build(2).entries());
    }
}
