package dev.rnn4j.examples.translate;

import dev.rnn4j.tool.UserError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DataFilesTest {
    @Test
    void tokensSplitPunctuationButKeepInnerApostrophes() {
        assertEquals(List.of("i'm", "so", "tired", "!"), Tokens.of("I'm so tired!"));
        assertEquals(List.of("va", "!"), Tokens.of("Va !"));
        assertEquals(List.of("aujourd'hui", ",", "«", "oui", "»", "."), Tokens.of("Aujourd'hui, «oui».")); 
        assertEquals(List.of("파이토치는", "사용하기", "매우", "직관적이다", "."),
                Tokens.of("파이토치는 사용하기 매우 직관적이다."));
    }

    @Test
    void targetsSpelledOutAsCharactersRoundTrip() {
        List<String> chars = Tokens.characters(Tokens.of("나는 배가 고프다."));
        assertEquals(List.of("나", "는", "▁", "배", "가", "▁", "고", "프", "다", "▁", "."), chars);
        assertEquals("나는 배가 고프다 .", Tokens.joinCharacters(chars));
    }

    @Test
    void tatoebaLinesKeepTheirAttribution() {
        List<SentencePair> p = ParallelCorpus.parse(
                List.of("Go.\tVa !\tCC-BY 2.0 (France) Attribution: tatoeba.org #1 (a) & #2 (b)"), "f.txt");
        assertEquals(List.of("go", "."), p.get(0).source());
        assertEquals(List.of("va", "!"), p.get(0).target());
        assertEquals("CC-BY 2.0 (France) Attribution: tatoeba.org #1 (a) & #2 (b)", p.get(0).attribution());
    }

    @Test
    void aBrokenRowNamesFileLineAndWhatWasExpected() {
        UserError e = assertThrows(UserError.class,
                () -> ParallelCorpus.parse(List.of("Go.\tVa !\tattr", "Hi.\tSalut !"), "pairs.txt"));
        assertTrue(e.getMessage().startsWith(
                "pairs.txt:2: expected 3 tab-separated fields (English, translation, attribution), found 2"),
                e.getMessage());
        UserError empty =
                assertThrows(UserError.class, () -> ParallelCorpus.parse(List.of("Go.\t\tattr"), "pairs.txt"));
        assertTrue(empty.getMessage().startsWith("pairs.txt:1: expected a translation in field 2"), empty.getMessage());
    }

    @Test
    void splitsKeepEverySourceSentenceInOnePlace() {
        List<SentencePair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pairs.add(new SentencePair(List.of("s" + i), List.of("a" + i), "x"));
            if (i % 3 == 0) pairs.add(new SentencePair(List.of("s" + i), List.of("b" + i), "y"));
        }
        Splits s = Splits.of(pairs, 0.05, 0.10, 7);
        assertEquals(20, s.test().size());
        assertEquals(10, s.dev().size());
        java.util.Set<List<String>> trainSources = new java.util.HashSet<>();
        s.train().forEach(p -> trainSources.add(p.source()));
        for (TestItem t : s.test()) {
            assertFalse(trainSources.contains(t.source()), "test sentence in training: " + t.source());
            int i = Integer.parseInt(t.source().get(0).substring(1));
            assertEquals(i % 3 == 0 ? 2 : 1, t.references().size(), "every translation is a reference");
        }
        int held = s.test().stream().mapToInt(t -> t.references().size()).sum()
                + s.dev().stream().mapToInt(t -> t.references().size()).sum();
        assertEquals(pairs.size(), s.train().size() + held, "no pair lost");
    }
}
