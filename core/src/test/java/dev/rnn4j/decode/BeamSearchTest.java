package dev.rnn4j.decode;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A decoder over {start, end, a, b} whose next-token probabilities depend on the previous token and, through
 * its state (the tokens read so far), on whether an "a" was read before: a {@code select} that routed states to
 * the wrong hypotheses would score sequences other than the ones it returns.
 */
class BeamSearchTest {
    static final int START = 0, END = 1, A = 2, B = 3;

    record Bigram(double[][] p, double afterA) implements StepDecoder<int[][]> {
        @Override
        public Step<int[][]> step(int[] previous, int[][] histories) {
            assertEquals(previous.length, histories.length, "one state row per hypothesis");
            float[] logits = new float[previous.length * 4];
            int[][] next = new int[previous.length][];
            for (int k = 0; k < previous.length; k++) {
                next[k] = Arrays.copyOf(histories[k], histories[k].length + 1);
                next[k][histories[k].length] = previous[k];
                for (int v = 0; v < 4; v++) logits[k * 4 + v] = (float) logit(p, afterA, next[k], v);
            }
            return new Step<>(logits, next);
        }

        @Override
        public int[][] select(int[][] histories, int[] rows) {
            int[][] out = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) out[i] = histories[rows[i]];
            return out;
        }

        @Override
        public int vocabularySize() { return 4; }
    }

    /** log p[last read][v], plus {@code afterA} for "end" once an "a" was read before the last token. */
    static double logit(double[][] p, double afterA, int[] read, int v) {
        boolean sawA = false;
        for (int i = 0; i < read.length - 1; i++) sawA |= read[i] == A;
        return Math.log(p[read[read.length - 1]][v]) + (sawA && v == END ? afterA : 0);
    }

    /** Greedy takes "a" (0.5) and then keeps writing "a"; "b end" (0.4 · 0.99) is the better sentence. */
    static final double[][] MYOPIC = {
            {1e-6, 0.1, 0.5, 0.4},      // after start
            {0.25, 0.25, 0.25, 0.25},   // after end (never read)
            {1e-6, 0.2, 0.45, 0.35},    // after a
            {1e-6, 0.99, 0.005, 0.005}, // after b
    };

    @Test
    void beamFindsTheSentenceGreedyMisses() {
        Bigram d = new Bigram(MYOPIC, 0);
        int[][] greedy = BeamSearch.greedy(d, new int[][] {{}, {}}, 2, START, END, 4);
        assertArrayEquals(new int[] {A, A, A, A}, greedy[0]);
        assertArrayEquals(greedy[0], greedy[1]);
        assertArrayEquals(new int[] {A, A, A, A}, BeamSearch.beam(d, new int[][] {{}}, START, END, 1, 4));
        assertArrayEquals(new int[] {B}, BeamSearch.beam(d, new int[][] {{}}, START, END, 2, 4));
    }

    @Test
    void widerBeamsNeverScoreWorseThanBeamOne() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 50; trial++) {
            double[][] p = new double[4][4];
            for (double[] row : p) {
                double sum = 0;
                for (int v = 0; v < 4; v++) sum += row[v] = 0.05 + rng.nextDouble();
                for (int v = 0; v < 4; v++) row[v] /= sum;
            }
            Bigram d = new Bigram(p, 1.5);
            int[] one = BeamSearch.beam(d, new int[][] {{}}, START, END, 1, 6);
            int[] four = BeamSearch.beam(d, new int[][] {{}}, START, END, 4, 6);
            if (one.length == 6) continue;   // unfinished: not comparable
            assertTrue(score(p, 1.5, four) >= score(p, 1.5, one) - 1e-9,
                    "trial " + trial + ": beam 4 " + Arrays.toString(four) + " below beam 1 " + Arrays.toString(one));
        }
    }

    @Test
    void badBeamSizeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BeamSearch.beam(new Bigram(MYOPIC, 0), new int[][] {{}}, START, END, 0, 4));
        assertEquals("beam size must be at least 1, got 0", e.getMessage());
    }

    /** Log-probability of the tokens and the end marker over (length + 1)^α, as the beam ranks finished ones. */
    private static double score(double[][] p, double afterA, int[] tokens) {
        double logp = 0;
        int[] read = {START};
        for (int i = 0; i <= tokens.length; i++) {
            int next = i < tokens.length ? tokens[i] : END;
            double[] z = new double[4];
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int v = 0; v < 4; v++) max = Math.max(max, z[v] = (float) logit(p, afterA, read, v));
            for (int v = 0; v < 4; v++) sum += Math.exp(z[v] - max);
            logp += z[next] - max - Math.log(sum);
            read = Arrays.copyOf(read, read.length + 1);
            read[read.length - 1] = next;
        }
        return logp / Math.pow(tokens.length + 1, BeamSearch.LENGTH_ALPHA);
    }
}
