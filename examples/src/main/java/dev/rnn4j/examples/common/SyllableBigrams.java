package dev.rnn4j.examples.common;

import dev.rnn4j.text.TokenVocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Korean reviews as syllables (Unicode code points, spaces included), each step carrying two ids: the
 * syllable and the bigram that ends at it ({@code "^x"} at the start). Syllables are few (about 2,500
 * in NSMC) and rarely unseen, unlike space-separated words whose particles and endings make most
 * forms rare; the bigram id gives each step a little of the word around it.
 */
record SyllableBigrams(TokenVocabulary index, int maxSteps) implements ReviewEncoder {
    static final String KIND = "syllable-bigrams";
    private static final String START = "^";

    static Map<String, Integer> count(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            String prev = START;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String s = Character.toString(cp);
                counts.merge(s, 1, Integer::sum);
                counts.merge(prev + s, 1, Integer::sum);
                prev = s;
                i += Character.charCount(cp);
            }
        }
        return counts;
    }

    @Override
    public String kind() { return KIND; }

    @Override
    public int idsPerStep() { return 2; }

    @Override
    public int vocabularySize() { return index.size(); }

    @Override
    public int[] encode(String text) {
        int steps = Math.min(maxSteps, text.codePointCount(0, text.length()));
        int[] out = new int[2 * steps];
        String prev = START;
        for (int i = 0, t = 0; t < steps; t++) {
            int cp = text.codePointAt(i);
            String s = Character.toString(cp);
            out[2 * t] = index.idOr(s, UNKNOWN);
            out[2 * t + 1] = index.idOr(prev + s, UNKNOWN);
            prev = s;
            i += Character.charCount(cp);
        }
        return out;
    }
}
