package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;

import dev.rnn4j.nn.RecurrentKind;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /**
     * The network workloads' counts, by hand, as bench/pytorch_bench.py's stack() counts them: a layer
     * 3 · 2·T·B·(I+H)·G·H, the second layer of a bidirectional pair reading both directions, a projection's W_hr and
     * its P-wide state.
     */
    @Test
    void networkFlopsAsCountedByHand() {
        assertEquals(3 * 2.0 * 50 * 64 * (512 + 512) * 2048,
                RecurrentShape.layer(RecurrentKind.LSTM, 512, 64, 50).flops());
        double bidirectional = 2 * (256 + 256) * 1024 + 2 * (512 + 256) * 1024;
        assertEquals(3 * 2.0 * 32 * 50 * bidirectional,
                new RecurrentShape(RecurrentKind.LSTM, 256, 256, 2, true, 0, 32, 50, false).flops());
        double projected = (512 + 128) * 2048 + 512 * 128;
        assertEquals(3 * 2.0 * 64 * 50 * projected,
                new RecurrentShape(RecurrentKind.LSTM, 512, 512, 1, false, 128, 64, 50, false).flops());
        assertEquals(3 * 2.0 * 16 * 200 * ((128 + 256) * 768 + (256 + 256) * 768),
                new RecurrentShape(RecurrentKind.GRU, 128, 256, 2, false, 0, 16, 200, false).flops());
    }

    /** Packed: sequence b runs T − (7b mod T/2) steps, longest first; the count is over those steps only. */
    @Test
    void packedLengthsAreSortedAndCountOnlyRealSteps() {
        RecurrentShape packed = new RecurrentShape(RecurrentKind.LSTM, 512, 512, 1, false, 0, 64, 50, true);
        int[] lengths = packed.lengths();
        int[] expected = new int[64];
        for (int b = 0; b < 64; b++) expected[b] = 50 - (7 * b) % 25;
        Arrays.sort(expected);
        for (int b = 0; b < 64; b++) assertEquals(expected[63 - b], lengths[b], "sequence " + b);
        assertEquals(50, lengths[0]);
        assertEquals(26, lengths[63]);
        long steps = Arrays.stream(expected).asLongStream().sum();
        assertEquals(3 * 2.0 * steps * (512 + 512) * 2048, packed.flops());
        int[] full = new int[64];
        Arrays.fill(full, 50);
        assertArrayEquals(full, RecurrentShape.layer(RecurrentKind.LSTM, 512, 64, 50).lengths());
    }
}
