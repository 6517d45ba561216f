package dev.rnn4j.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU-4 (Papineni et al., 2002) over tokens, with one or more references per sentence:
 * <pre>
 *   p_n  = Σ_sentences Σ_ngrams min(count_hyp, max_ref count_ref) / Σ_sentences (number of hypothesis n-grams)
 *   BP   = 1 if c > r, else exp(1 − r/c)      c = total hypothesis length, r = Σ closest reference length
 *   BLEU = BP · exp(¼ Σ_{n=1..4} log p_n)     (0 when some p_n is 0; no smoothing)
 * </pre>
 * The closest reference length breaks ties toward the shorter reference, as {@code multi-bleu.perl} and
 * NLTK's {@code corpus_bleu} do. Scores are in [0, 1]; multiply by 100 for the usual figure.
 *
 * <pre>{@code
 * Bleu.Result r = Bleu.corpus(hypotheses, references);   // references.get(i): the references of sentence i
 * r.bleu();
 * }</pre>
 */
public final class Bleu {
    /** The longest n-gram counted. */
    public static final int MAX_N = 4;

    /** The score and its parts: modified precisions p1..p4, brevity penalty and the two lengths. */
    public record Result(double bleu, double[] precisions, double brevityPenalty, long hypothesisLength,
                         long referenceLength) {}

    private Bleu() {}

    /**
     * Corpus BLEU of {@code hypotheses} against {@code references} (the references of sentence i at index i).
     *
     * @throws IllegalArgumentException when the two lists differ in length or a sentence has no reference
     */
    public static Result corpus(List<List<String>> hypotheses, List<List<List<String>>> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("BLEU needs one reference set per hypothesis, got "
                    + hypotheses.size() + " hypotheses and " + references.size() + " reference sets");
        }
        long[] matched = new long[MAX_N], total = new long[MAX_N];
        long c = 0, r = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = hypotheses.get(i);
            List<List<String>> refs = references.get(i);
            if (refs.isEmpty()) throw new IllegalArgumentException("sentence " + i + " has no reference");
            c += hyp.size();
            r += closestLength(hyp.size(), refs);
            for (int n = 1; n <= MAX_N; n++) {
                Map<List<String>, Integer> hypCounts = ngrams(hyp, n), maxRef = new HashMap<>();
                for (List<String> ref : refs) ngrams(ref, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
                for (Map.Entry<List<String>, Integer> e : hypCounts.entrySet()) {
                    matched[n - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                }
                total[n - 1] += Math.max(0, hyp.size() - n + 1);
            }
        }
        double[] p = new double[MAX_N];
        double logSum = 0;
        boolean zero = false;
        for (int n = 0; n < MAX_N; n++) {
            p[n] = total[n] == 0 ? 0 : (double) matched[n] / total[n];
            if (p[n] == 0) zero = true;
            else logSum += Math.log(p[n]) / MAX_N;
        }
        double bp = c == 0 ? 0 : c > r ? 1 : Math.exp(1 - (double) r / c);
        return new Result(zero ? 0 : bp * Math.exp(logSum), p, bp, c, r);
    }

    private static int closestLength(int hypLength, List<List<String>> refs) {
        int best = refs.get(0).size();
        for (List<String> ref : refs) {
            int d = Math.abs(ref.size() - hypLength), bd = Math.abs(best - hypLength);
            if (d < bd || (d == bd && ref.size() < best)) best = ref.size();
        }
        return best;
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        return counts;
    }
}
