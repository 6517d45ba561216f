package dev.rnn4j.examples.generate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CharVocabularyTest {
    @Test
    void inputsStartWithTheLabelOrABoundaryAndTargetsEndWithTheEndToken() {
        CharVocabulary v = CharVocabulary.build(List.of("좋다", "좋아", "별로"), 1, 100);
        int good = v.tokens().indexOf("좋"), da = v.tokens().indexOf("다");
        int[][] pos = v.inputsAndTargets("좋다", 1, true);
        assertArrayEquals(new int[] {CharVocabulary.START_POSITIVE, good, da}, pos[0]);
        assertArrayEquals(new int[] {good, da, CharVocabulary.END}, pos[1]);
        assertEquals(CharVocabulary.START_NEGATIVE, v.inputsAndTargets("좋다", 0, true)[0][0]);
        // Label through h0 only: the same boundary token starts every review.
        assertEquals(CharVocabulary.END, v.inputsAndTargets("좋다", 1, false)[0][0]);
        assertEquals(CharVocabulary.END, v.inputsAndTargets("좋다", 0, false)[0][0]);
    }

    @Test
    void rareCharactersAreUnknownAndNeverWritten() {
        CharVocabulary v = CharVocabulary.build(List.of("좋좋좋", "꿀"), 2, 100);
        assertEquals(List.of("<pad>", "<unk>", "<end>", "<neg>", "<pos>", "좋"), v.tokens());
        assertArrayEquals(new int[] {CharVocabulary.UNKNOWN, CharVocabulary.END},
                v.inputsAndTargets("꿀", 1, true)[1]);
        assertFalse(v.canEmit(CharVocabulary.UNKNOWN));
        assertFalse(v.canEmit(CharVocabulary.START_POSITIVE));
        assertTrue(v.canEmit(CharVocabulary.END));
        assertTrue(v.canEmit(5));
    }
}
