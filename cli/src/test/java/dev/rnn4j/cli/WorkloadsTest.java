package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkloadsTest {
    /**
     * The 2×512 model's count, by hand: per layer 4H gate rows times (input H + recurrent H) multiply-adds, the head
     * V × H, forward once and backward twice. The performed count drops the first layer's input side for all but
     * the vocabulary's rows of a step.
     */
    @Test
    void trainingFlopsPerCharacterAsCountedAndAsPerformed() {
        double counted = 3 * (2 * 2.0 * 2048 * 1024 + 2.0 * 65 * 512);
        assertEquals(counted, Workloads.trainFlopsPerChar(65, 512, 2));
        double firstInputSide = 3 * 2.0 * 2048 * 512;
        assertEquals(counted - firstInputSide * (1 - 65.0 / 3200),
                Workloads.trainFlopsPerformedPerChar(65, 512, 2, 3200), 1e-6);
        // as many rows as a vocabulary: nothing is saved
        assertEquals(counted, Workloads.trainFlopsPerformedPerChar(65, 512, 2, 65), 1e-6);
    }
}
