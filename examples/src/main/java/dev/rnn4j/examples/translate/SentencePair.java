package dev.rnn4j.examples.translate;

import java.util.List;

/**
 * A source sentence and its translation as tokens, with the attribution the data's license asks to keep
 * (empty for synthetic pairs).
 */
record SentencePair(List<String> source, List<String> target, String attribution) {
    SentencePair {
        source = List.copyOf(source);
        target = List.copyOf(target);
    }
}
