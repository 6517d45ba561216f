package dev.rnn4j.examples.postag;

import dev.rnn4j.tool.UserError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConlluTest {
    static String row(String id, String form, String upos) {
        return String.join("\t", id, form, "_", upos, "_", "_", "0", "root", "_", "_");
    }

    @Test
    void readsFormsAndUposSkippingMultiwordTokensAndEmptyNodes() {
        List<TaggedSentence> s = Conllu.parse(List.of(
                "# sent_id = 1", "# text = I can't", row("1", "I", "PRON"), row("2-3", "can't", "_"),
                row("2", "ca", "AUX"), row("3", "n't", "PART"), row("3.1", "x", "_"), "",
                row("1", "Hi", "INTJ"), ""), "t.conllu");
        assertEquals(2, s.size());
        assertEquals(List.of("I", "ca", "n't"), s.get(0).words());
        assertEquals(List.of("PRON", "AUX", "PART"), s.get(0).tags());
        assertEquals(List.of("INTJ"), s.get(1).tags());
    }

    @Test
    void badLinesNameFileLineAndExpectation() {
        UserError columns = assertThrows(UserError.class,
                () -> Conllu.parse(List.of(row("1", "a", "NOUN"), "2\tb\tNOUN"), "x.conllu"));
        assertTrue(columns.getMessage().startsWith("x.conllu:2: expected 10 tab-separated columns"),
                columns.getMessage());
        assertTrue(columns.getMessage().contains("found 3"), columns.getMessage());

        UserError tag = assertThrows(UserError.class,
                () -> Conllu.parse(List.of(row("1", "a", "NOUN"), row("2", "b", "NN")), "x.conllu"));
        assertTrue(tag.getMessage().startsWith("x.conllu:2: expected a Universal POS tag in column 4"),
                tag.getMessage());
        assertTrue(tag.getMessage().contains("found 'NN'"), tag.getMessage());

        UserError id = assertThrows(UserError.class,
                () -> Conllu.parse(List.of(row("1", "a", "NOUN"), row("3", "b", "NOUN")), "x.conllu"));
        assertTrue(id.getMessage().startsWith("x.conllu:2: expected token ID 2"), id.getMessage());
    }

    @Test
    void theShippedTreebanksParse() {
        List<TaggedSentence> test =
                Conllu.read(dev.rnn4j.examples.common.ExampleData.file("pos/en_atis/en_atis-ud-test.conllu.gz"));
        assertEquals(586, test.size());
        assertEquals(6580, test.stream().mapToInt(TaggedSentence::length).sum());
        List<TaggedSentence> ko =
                Conllu.read(dev.rnn4j.examples.common.ExampleData.file("pos/ko_gsd/ko_gsd-ud-test.conllu.gz"));
        assertEquals(989, ko.size());
        assertEquals(11677, ko.stream().mapToInt(TaggedSentence::length).sum());
    }
}
