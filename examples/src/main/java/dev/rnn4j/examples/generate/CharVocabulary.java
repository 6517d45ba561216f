package dev.rnn4j.examples.generate;

import dev.rnn4j.text.TokenVocabulary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The characters the generator writes: padding (0), unknown (1), end of review (2), the start tokens of a
 * negative (3) and a positive (4) review, then the most frequent characters of the training reviews. A
 * rare character becomes unknown in training and is never written. The ids are a library
 * {@link TokenVocabulary} of one-character tokens; this class adds what the generator's reserved ids mean.
 */
final class CharVocabulary {
    static final int PAD = 0, UNKNOWN = 1, END = 2, START_NEGATIVE = 3, START_POSITIVE = 4;
    private static final int RESERVED = 5;
    private final TokenVocabulary vocabulary;

    CharVocabulary(List<String> tokens) {
        this.vocabulary = TokenVocabulary.of(tokens);
    }

    /**
     * The characters seen at least {@code minCount} times, most frequent first, at most {@code maxSize} tokens in all.
     */
    static CharVocabulary build(List<String> texts, int minCount, int maxSize) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String t : texts) t.codePoints().forEach(cp -> counts.merge(cp, 1, Integer::sum));
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount);
        entries.sort(Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(List.of("<pad>", "<unk>", "<end>", "<neg>", "<pos>"));
        for (Map.Entry<Integer, Integer> e : entries) {
            if (tokens.size() >= maxSize) break;
            tokens.add(Character.toString(e.getKey()));
        }
        return new CharVocabulary(tokens);
    }

    int size() { return vocabulary.size(); }

    List<String> tokens() { return vocabulary.entries(); }

    String token(int id) { return vocabulary.get(id); }

    /**
     * The first input of a review: the label's start token, or (label through h0 only) the end token, as a boundary.
     */
    int start(int label, boolean labelInput) {
        if (!labelInput) return END;
        return label == 1 ? START_POSITIVE : START_NEGATIVE;
    }

    /** What sampling may produce: the end token and real characters. */
    boolean canEmit(int id) { return id == END || id >= RESERVED; }

    /** Inputs [start, c1 .. cn] and targets [c1 .. cn, end] of a review. */
    int[][] inputsAndTargets(String text, int label, boolean labelInput) {
        int[] cps = text.codePoints().toArray();
        int[] in = new int[cps.length + 1], out = new int[cps.length + 1];
        in[0] = start(label, labelInput);
        for (int i = 0; i < cps.length; i++) {
            int id = vocabulary.idOr(Character.toString(cps[i]), UNKNOWN);
            in[i + 1] = id;
            out[i] = id;
        }
        out[cps.length] = END;
        return new int[][] {in, out};
    }
}
