package dev.rnn4j.examples.common;

import dev.rnn4j.text.TokenVocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IMDB-style Keras model's tokens, as Keras's {@code Tokenizer(num_words=10000)} makes them: lower case, Keras's
 * punctuation filter, split on spaces, the {@code num_words − 1} most frequent words get ids 1.. and
 * other words are dropped (no out-of-vocabulary token). Here ids start at 2 (1 is reserved), so the
 * vocabulary holds 9,998 words and the Embedding is (10000, 32) as in the seed.
 */
record KerasWords(TokenVocabulary index, int maxSteps) implements ReviewEncoder {
    static final String KIND = "keras-words";
    /** Keras's default {@code filters}: these characters become spaces. */
    private static final String FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    static List<String> words(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) sb.append(FILTERS.indexOf(c) >= 0 ? ' ' : c);
        List<String> words = new ArrayList<>();
        for (String w : sb.toString().split(" ")) if (!w.isEmpty()) words.add(w);
        return words;
    }

    static Map<String, Integer> count(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String t : texts) for (String w : words(t)) counts.merge(w, 1, Integer::sum);
        return counts;
    }

    @Override
    public String kind() { return KIND; }

    @Override
    public int idsPerStep() { return 1; }

    @Override
    public int vocabularySize() { return 10_000; }

    @Override
    public int[] encode(String text) {
        List<String> words = words(text);
        int[] out = new int[Math.min(maxSteps, words.size())];
        int n = 0;
        for (String w : words) {
            int id = index.idOr(w, -1);
            // Unknown words are dropped, as Keras's Tokenizer does; ids 0 and 1 are placeholders, never words.
            if (id > ReviewEncoder.UNKNOWN && n < out.length) out[n++] = id;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
