package dev.rnn4j.examples.translate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The test set translated greedily and, for a beam wider than 1, with the beam, and scored (corpus BLEU-4, exact
 * match): printed and written to metrics.json the same way for either of {@code translate}'s models.
 *
 * <pre>{@code
 * TestResults r = TestResults.of(test, 5, (sources, beam) -> translate(model, sources, beam));
 * System.out.println(r.scores());       // greedy BLEU 17.40, exact match 0.0577; beam 5 BLEU 18.90, ...
 * }</pre>
 *
 * @param beamOut null (and {@code beamed} null) when {@code beam} is 1
 */
record TestResults(List<TestItem> test, List<List<String>> greedyOut, Seq2SeqTraining.Score greedy, int beam,
                   List<List<String>> beamOut, Seq2SeqTraining.Score beamed) {
    /** Translates the test sources with {@code translate(sources, beam)}: beam 1, then {@code beam} if wider. */
    static TestResults of(List<TestItem> test, int beam,
                          BiFunction<List<List<String>>, Integer, List<List<String>>> translate) {
        List<List<String>> sources = test.stream().map(TestItem::source).toList();
        List<List<String>> greedyOut = translate.apply(sources, 1);
        List<List<String>> beamOut = beam > 1 ? translate.apply(sources, beam) : null;
        return new TestResults(test, greedyOut, Seq2SeqTraining.score(greedyOut, test), beam, beamOut,
                beamOut == null ? null : Seq2SeqTraining.score(beamOut, test));
    }

    /** "greedy BLEU …, exact match …" and the beam's, for the test line. */
    String scores() {
        String line = String.format(Locale.ROOT, "greedy BLEU %.2f, exact match %.4f", 100 * greedy.bleu(),
                greedy.exactMatch());
        if (beamed == null) return line;
        return line + String.format(Locale.ROOT, "; beam %d BLEU %.2f, exact match %.4f", beam, 100 * beamed.bleu(),
                beamed.exactMatch());
    }

    /** The test figures of metrics.json. */
    void putMetrics(Map<String, Object> metrics) {
        metrics.put("test_sentences", test.size());
        metrics.put("test_bleu_greedy", greedy.bleu());
        metrics.put("test_exact_match_greedy", greedy.exactMatch());
        if (beamed != null) {
            metrics.put("beam", beam);
            metrics.put("test_bleu_beam", beamed.bleu());
            metrics.put("test_exact_match_beam", beamed.exactMatch());
        }
    }

    /**
     * {@code samples} test sentences spread over the set: source, references, the translations, attributions;
     * targets spelled out in characters when {@code characters}.
     */
    void printSamples(int samples, boolean characters) {
        int n = Math.min(samples, test.size());
        if (n == 0) return;
        System.out.println();
        for (int i = 0; i < n; i++) {
            int k = (int) ((long) i * test.size() / n);   // spread over the test set
            TestItem item = test.get(k);
            System.out.println("source     " + Tokens.join(item.source()));
            for (List<String> ref : item.references()) System.out.println("reference  " + shown(ref, characters));
            System.out.println("greedy     " + shown(greedyOut.get(k), characters));
            if (beamOut != null) {
                System.out.println(String.format(Locale.ROOT, "%-11s", "beam " + beam)
                        + shown(beamOut.get(k), characters));
            }
            for (String a : item.attributions()) if (!a.isEmpty()) System.out.println("           " + a);
            System.out.println();
        }
    }

    private static String shown(List<String> target, boolean characters) {
        return characters ? Tokens.joinCharacters(target) : Tokens.join(target);
    }
}
