package dev.rnn4j.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TokenVocabularyTest {
    @Test
    void specialsComeFirstThenEntriesByFrequencyTiesInFirstSeenOrder() {
        TokenVocabulary v = TokenVocabulary.builder("<pad>", "<unk>").add("b").add("a").add("a").add("c").build(1);
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c"), v.entries());
        assertEquals(2, v.count(v.id("a")));
        assertEquals(0, v.count(v.id("<pad>")));
        assertEquals(1, v.idOr("zzz", 1));
        assertArrayEquals(new int[] {3, 1, 2}, v.encode(List.of("b", "zzz", "a"), 1));
        assertEquals(List.of("<pad>", "<unk>", "a"),
                TokenVocabulary.builder("<pad>", "<unk>").add("b").add("a").add("a").build(2).entries());
    }

    @Test
    void readBackKeepsTheOrderAndRejectsDuplicatesAndUnknownIds() {
        TokenVocabulary v = TokenVocabulary.of(List.of("<pad>", "x", "y"));
        assertEquals(2, v.id("y"));
        assertEquals("x", v.get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.id("z"));
        assertTrue(e.getMessage().contains("'z' is not in the vocabulary of 3 entries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TokenVocabulary.of(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("'a' appears twice"), e.getMessage());
    }
}
