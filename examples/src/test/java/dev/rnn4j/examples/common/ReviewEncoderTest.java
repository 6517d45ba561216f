package dev.rnn4j.examples.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The two tokenisations: syllables with their bigrams, and the IMDB-style Keras model's words. */
class ReviewEncoderTest {
    @Test
    void syllableStepsCarryTheSyllableAndTheBigramEndingThere() {
        ReviewEncoder enc = ReviewEncoder.syllableBigrams(List.of("재밌다", "재밌어", "재미"), 1, 100, 10);
        List<String> tokens = enc.tokens();
        int[] ids = enc.encode("재밌다");
        assertEquals(6, ids.length);
        assertEquals("재", tokens.get(ids[0]));
        assertEquals("^재", tokens.get(ids[1]));
        assertEquals("밌", tokens.get(ids[2]));
        assertEquals("재밌", tokens.get(ids[3]));
        assertEquals("다", tokens.get(ids[4]));
        assertEquals("밌다", tokens.get(ids[5]));
        // Unseen syllables and bigrams are the unknown id, never padding; long reviews are cut at maxSteps.
        int[] unseen = enc.encode("꿀잼");
        assertArrayEquals(new int[] {ReviewEncoder.UNKNOWN, ReviewEncoder.UNKNOWN, ReviewEncoder.UNKNOWN,
                ReviewEncoder.UNKNOWN}, unseen);
        assertEquals(20, enc.encode("재".repeat(50)).length);
        // Most frequent first, ties by token: "^재" and "재" appear 3 times each, so they take the first free ids.
        assertEquals(List.of("^재", "재"), tokens.subList(2, 4));
    }

    @Test
    void kerasWordsFilterPunctuationLowerCaseAndDropUnknownWords() {
        ReviewEncoder enc =
                ReviewEncoder.kerasWords(List.of("Good movie!", "good, GOOD acting.", "bad movie"), 10_000, 40);
        List<String> tokens = enc.tokens();
        assertEquals("good", tokens.get(2));     // 3 times
        assertEquals("movie", tokens.get(3));    // twice
        int[] ids = enc.encode("GOOD... unknown-word movie?");
        assertEquals(2, ids.length, "unknown words are dropped, as Keras's Tokenizer does");
        assertEquals("good", tokens.get(ids[0]));
        assertEquals("movie", tokens.get(ids[1]));
        assertEquals(10_000, enc.vocabularySize());
    }

    @Test
    void savedTokensRebuildTheSameEncoder() {
        ReviewEncoder a = ReviewEncoder.syllableBigrams(List.of("최고의 영화", "최악의 영화"), 1, 100, 50);
        ReviewEncoder b = ReviewEncoder.of(a.kind(), a.tokens(), a.maxSteps());
        assertArrayEquals(a.encode("최고 영화다"), b.encode("최고 영화다"));
        assertThrows(IllegalArgumentException.class, () -> ReviewEncoder.of("bpe", a.tokens(), 10));
    }
}
