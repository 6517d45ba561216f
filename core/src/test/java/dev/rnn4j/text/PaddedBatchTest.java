package dev.rnn4j.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PaddedBatchTest {
    @Test
    void padsEveryRowToTheLongestAfterItsEnd() {
        PaddedBatch b = PaddedBatch.of(List.of(new int[] {5, 6, 7}, new int[] {8}, new int[0]), -1);
        assertEquals(3, b.batchSize());
        assertEquals(3, b.steps());
        assertArrayEquals(new int[] {5, 6, 7, 8, -1, -1, -1, -1, -1}, b.ids());
        assertArrayEquals(new int[] {3, 1, 0}, b.lengths());
        assertEquals(8, b.id(1, 0));
    }

    @Test
    void minimumStepsWidensShortBatches() {
        PaddedBatch b = PaddedBatch.of(List.of(new int[] {1}, new int[] {2, 3}), 0, 4);
        assertEquals(4, b.steps());
        assertArrayEquals(new int[] {1, 0, 0, 0, 2, 3, 0, 0}, b.ids());
        assertEquals(1, PaddedBatch.of(List.of(), 0).steps());
        assertEquals(0, PaddedBatch.of(List.of(new int[0]), 0, 0).steps());
        assertThrows(IllegalArgumentException.class, () -> PaddedBatch.of(List.of(), 0, -1));
    }
}
