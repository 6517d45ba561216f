package dev.rnn4j.examples.translate;

import java.util.List;

/** A source sentence to translate and every reference translation of it in the data (with their attributions). */
record TestItem(List<String> source, List<List<String>> references, List<String> attributions) {
    TestItem {
        source = List.copyOf(source);
        references = List.copyOf(references);
        attributions = List.copyOf(attributions);
    }
}
