package dev.rnn4j.examples.common;

import dev.rnn4j.text.TokenVocabulary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a review into token ids: {@code idsPerStep()} ids per step, flattened. Built from the training
 * reviews (the most frequent tokens get ids) and saved beside the model as a list of tokens, whose
 * position is the id.
 *
 * <pre>{@code
 * ReviewEncoder enc = ReviewEncoder.syllableBigrams(texts, 2, 60_000, 100);
 * int[] ids = enc.encode("재밌다");      // [syllable, bigram] per syllable: 3 steps, 6 ids
 * }</pre>
 */
public sealed interface ReviewEncoder permits SyllableBigrams, KerasWords {
    /** Ids 0 (padding) and 1 (unknown) are reserved in every vocabulary. */
    int PAD = 0;
    int UNKNOWN = 1;

    String kind();

    int idsPerStep();

    int vocabularySize();

    /** Ids of the review, {@code steps · idsPerStep()} of them, at most {@code maxSteps} steps. */
    int[] encode(String text);

    /** The vocabulary: tokens in id order and the id of each. */
    TokenVocabulary index();

    /** The tokens in id order (ids 0 and 1 are placeholders). */
    default List<String> tokens() { return index().entries(); }

    int maxSteps();

    static ReviewEncoder syllableBigrams(List<String> texts, int minCount, int maxTokens, int maxSteps) {
        return new SyllableBigrams(
                TokenVocabulary.of(mostFrequent(SyllableBigrams.count(texts), minCount, maxTokens)), maxSteps);
    }

    static ReviewEncoder kerasWords(List<String> texts, int numWords, int maxSteps) {
        return new KerasWords(TokenVocabulary.of(mostFrequent(KerasWords.count(texts), 1, numWords)), maxSteps);
    }

    /** Rebuilds a saved encoder. */
    static ReviewEncoder of(String kind, List<String> tokens, int maxSteps) {
        return switch (kind) {
            case SyllableBigrams.KIND -> new SyllableBigrams(TokenVocabulary.of(tokens), maxSteps);
            case KerasWords.KIND -> new KerasWords(TokenVocabulary.of(tokens), maxSteps);
            default -> throw new IllegalArgumentException("unknown encoder kind '" + kind + "', expected "
                    + SyllableBigrams.KIND + " or " + KerasWords.KIND);
        };
    }

    /**
     * "", "<unk>", then the tokens seen at least {@code minCount} times, most frequent first (ties by token,
     * so the order is the same on every run), at most {@code maxSize} entries in all.
     */
    static List<String> mostFrequent(Map<String, Integer> counts, int minCount, int maxSize) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount);
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(List.of("", "<unk>"));
        for (Map.Entry<String, Integer> e : entries) {
            if (tokens.size() >= maxSize) break;
            tokens.add(e.getKey());
        }
        return tokens;
    }
}
