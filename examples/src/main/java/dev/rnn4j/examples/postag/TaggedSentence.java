package dev.rnn4j.examples.postag;

import java.util.List;

/** One sentence of a treebank: its word forms and their gold universal part-of-speech tags, position by position. */
record TaggedSentence(List<String> words, List<String> tags) {
    TaggedSentence {
        if (words.size() != tags.size()) {
            throw new IllegalArgumentException("a sentence needs one tag per word, got " + words.size() + " words and "
                    + tags.size() + " tags");
        }
        words = List.copyOf(words);
        tags = List.copyOf(tags);
    }

    int length() { return words.size(); }
}
