package dev.rnn4j.examples.postag;

import dev.rnn4j.text.TokenVocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tagging accuracy over tokens, the same for words never seen in training, and each tag's precision
 * (of the tokens tagged X, how many are X) and recall (of the tokens that are X, how many were tagged X).
 *
 * <pre>{@code
 * TagMetrics m = new TagMetrics(vocabs.tags());
 * m.add("NOUN", "VERB", true);
 * m.accuracy(); m.table();
 * }</pre>
 */
final class TagMetrics {
    private final List<String> tags;
    private final Map<String, int[]> counts = new LinkedHashMap<>();   // tag -> {true positives, predicted, gold}
    private long tokens, correct, unknown, unknownCorrect;

    TagMetrics(TokenVocabulary tagVocab) {
        this.tags = tagVocab.entries();
        for (String t : tags) counts.put(t, new int[3]);
    }

    /** One token: its gold tag, the predicted tag, and whether its word was out of the training vocabulary. */
    void add(String gold, String predicted, boolean unknownWord) {
        tokens++;
        boolean ok = gold.equals(predicted);
        if (ok) correct++;
        if (unknownWord) {
            unknown++;
            if (ok) unknownCorrect++;
        }
        counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
        counts.computeIfAbsent(gold, k -> new int[3])[2]++;
        if (ok) counts.get(gold)[0]++;
    }

    long tokens() { return tokens; }

    double accuracy() { return tokens == 0 ? 0 : (double) correct / tokens; }

    long unknownTokens() { return unknown; }

    double unknownAccuracy() { return unknown == 0 ? 0 : (double) unknownCorrect / unknown; }

    double precision(String tag) {
        int[] c = counts.getOrDefault(tag, new int[3]);
        return c[1] == 0 ? 0 : (double) c[0] / c[1];
    }

    double recall(String tag) {
        int[] c = counts.getOrDefault(tag, new int[3]);
        return c[2] == 0 ? 0 : (double) c[0] / c[2];
    }

    /** Per tag: {precision, recall, gold count}, tags in the order the table prints them. */
    Map<String, Object> perTagJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String t : counts.keySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", precision(t));
            m.put("recall", recall(t));
            m.put("support", counts.get(t)[2]);
            out.put(t, m);
        }
        return out;
    }

    /** A fixed-width table: tag, precision, recall, F1, gold count; most frequent tags first. */
    String table() {
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "%-6s %9s %7s %6s %7s%n", "tag", "precision", "recall", "F1", "count"));
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue()[2], a.getValue()[2])).forEach(e -> {
            double p = precision(e.getKey()), r = recall(e.getKey()), f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            sb.append(String.format(Locale.ROOT, "%-6s %9.4f %7.4f %6.4f %7d%n", e.getKey(), p, r, f, e.getValue()[2]));
        });
        return sb.toString();
    }
}
