package dev.rnn4j.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class TextTest {
    @Test
    void vocabularyUsesCodePointsInAscendingOrder() {
        String text = "b a 무정😀a";
        Vocabulary v = Vocabulary.of(text);
        assertEquals(6, v.size());   // ' ', 'a', 'b', '무', '정', '😀' — the emoji is one token
        assertEquals(" ab무정😀", v.decode(0, 1, 2, 3, 4, 5));
        assertArrayEquals(new int[] {2, 0, 1}, v.encode("b a"));
        assertEquals(text, v.decode(v.encode(text)));
        assertEquals(v.size(), Vocabulary.fromCodePoints(v.codePoints()).size());
    }

    @Test
    void unknownCharactersAreNamedWithCodePoints() {
        Vocabulary v = Vocabulary.of("abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("abé\n"));
        assertTrue(e.getMessage().contains("'é' (U+00E9)"), e.getMessage());
        assertTrue(e.getMessage().contains("(U+000A)"), e.getMessage());
    }

    @Test
    void invalidUtf8NamesByteAndLine() {
        byte[] bytes = "ok\nline two \u00e9".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1] = (byte) 0x41;   // cut the two-byte é in half
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CharCorpus.decodeUtf8(bytes, "x.txt"));
        assertTrue(e.getMessage().contains("x.txt is not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertEquals("한글", CharCorpus.decodeUtf8("\uFEFF한글".getBytes(StandardCharsets.UTF_8), "bom.txt"));
    }

    @Test
    void splitIsContiguousTrainThenValidation() {
        CharCorpus c = CharCorpus.of("abcdefghij", 0.2, 0.1);
        assertEquals(7, c.train().length);
        assertEquals(2, c.validation().length);
        assertEquals(1, c.test().length);
        assertEquals("hi", c.vocabulary().decode(c.validation()));
    }

    @Test
    void tbpttBatchesContinueEachStream() {
        int[] tokens = new int[101];
        for (int i = 0; i < tokens.length; i++) tokens[i] = i;
        TbpttBatches batches = new TbpttBatches(tokens, 2, 10);   // streams of 50: [0..49], [50..99]
        assertEquals(5, batches.count());
        int[] x = new int[20], y = new int[20];
        batches.fill(0, x, y);
        assertEquals(0, x[0]);
        assertEquals(50, x[10]);
        assertEquals(1, y[0]);
        batches.fill(1, x, y);
        assertEquals(10, x[0]);       // stream 0 continues where batch 0 stopped
        assertEquals(60, x[10]);
        assertEquals(70, y[19]);
        assertThrows(IllegalArgumentException.class, () -> new TbpttBatches(new int[10], 4, 5));
    }
}
