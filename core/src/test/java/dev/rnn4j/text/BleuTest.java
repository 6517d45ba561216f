package dev.rnn4j.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BleuTest {
    static List<String> t(String s) { return List.of(s.split(" ")); }

    /**
     * Worked by hand. Hypothesis "the cat sat on the mat" (6 tokens) against references
     * "the cat is on the mat" (6) and "there is a cat on the mat" (7):
     * <ul>
     *   <li>unigrams: the×2 (refs allow 2), cat, sat (absent), on, mat → 5/6</li>
     *   <li>bigrams: "the cat" ✓, "cat sat" ✗, "sat on" ✗, "on the" ✓, "the mat" ✓ → 3/5</li>
     *   <li>trigrams: "the cat sat" ✗, "cat sat on" ✗, "sat on the" ✗, "on the mat" ✓ → 1/4</li>
     *   <li>4-grams: none of 3 appear → 0/3, so BLEU is 0 without smoothing</li>
     * </ul>
     * The second sentence "the cat is on the mat" equals its reference: 6/6, 5/5, 4/4, 3/3.
     * Corpus: p = 11/12, 8/10, 5/8, 3/6; c = 12, r = 6 + 6 = 12 (closest reference to 6 is the 6-token one) → BP = 1;
     * BLEU = (11/12 · 8/10 · 5/8 · 3/6)^(1/4) = (0.2291667)^(1/4) = 0.6918913.
     */
    @Test
    void corpusBleuMatchesTheHandComputedValue() {
        List<List<String>> hyps = List.of(t("the cat sat on the mat"), t("the cat is on the mat"));
        List<List<List<String>>> refs = List.of(
                List.of(t("the cat is on the mat"), t("there is a cat on the mat")),
                List.of(t("the cat is on the mat")));
        Bleu.Result r = Bleu.corpus(hyps, refs);
        assertArrayEquals(new double[] {11 / 12.0, 8 / 10.0, 5 / 8.0, 3 / 6.0}, r.precisions(), 1e-12);
        assertEquals(1.0, r.brevityPenalty(), 1e-12);
        assertEquals(Math.pow(11 / 12.0 * 8 / 10.0 * 5 / 8.0 * 3 / 6.0, 0.25), r.bleu(), 1e-12);
        assertEquals(0.6918913, r.bleu(), 1e-6);
        // Sentence 1 alone has no matching 4-gram: BLEU 0 (no smoothing), unigram precision 5/6.
        Bleu.Result one = Bleu.corpus(hyps.subList(0, 1), refs.subList(0, 1));
        assertEquals(0.0, one.bleu());
        assertEquals(5 / 6.0, one.precisions()[0], 1e-12);
    }

    /**
     * "the cat" (c = 2) against a 6-token reference: BP = exp(1 − 6/2) = e^-2; clipped "the the the" counts 1 per
     * reference the.
     */
    @Test
    void brevityPenaltyAndClipping() {
        Bleu.Result shortHyp = Bleu.corpus(List.of(t("the cat")), List.of(List.of(t("the cat is on the mat"))));
        assertEquals(Math.exp(-2), shortHyp.brevityPenalty(), 1e-12);
        assertEquals(2, shortHyp.hypothesisLength());
        assertEquals(6, shortHyp.referenceLength());
        Bleu.Result clipped = Bleu.corpus(List.of(t("the the the the")), List.of(List.of(t("the cat on the mat"))));
        assertEquals(2 / 4.0, clipped.precisions()[0], 1e-12);
        // Equal distance 1 to a 3- and a 5-token reference: the shorter one counts.
        Bleu.Result tie = Bleu.corpus(List.of(t("a b c d")), List.of(List.of(t("a b c d e"), t("a b c"))));
        assertEquals(3, tie.referenceLength());
        assertEquals(1.0, tie.bleu(), 1e-12);
    }
}
