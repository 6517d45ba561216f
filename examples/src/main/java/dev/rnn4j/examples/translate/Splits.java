package dev.rnn4j.examples.translate;

import dev.rnn4j.tensor.Rng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Train, development and test sets from sentence pairs. Pairs are grouped by source sentence first
 * (Tatoeba often has several translations of one sentence), so no test sentence is seen in training, and
 * every translation of a held-out sentence is one of its references.
 *
 * @param train training pairs
 * @param dev   held-out sentences for picking the best epoch
 * @param test  held-out sentences for the final score
 */
record Splits(List<SentencePair> train, List<TestItem> dev, List<TestItem> test) {
    /** Splits with fractions of the distinct source sentences; the split depends only on {@code seed}. */
    static Splits of(List<SentencePair> pairs, double devFraction, double testFraction, long seed) {
        Map<List<String>, List<SentencePair>> groups = new LinkedHashMap<>();
        for (SentencePair p : pairs) groups.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
        List<List<SentencePair>> all = new ArrayList<>(groups.values());
        int[] order = new Rng(seed).permutation(all.size());
        int nTest = (int) Math.round(all.size() * testFraction), nDev = (int) Math.round(all.size() * devFraction);
        List<SentencePair> train = new ArrayList<>();
        List<TestItem> dev = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            List<SentencePair> g = all.get(order[i]);
            if (i < nTest) test.add(item(g));
            else if (i < nTest + nDev) dev.add(item(g));
            else train.addAll(g);
        }
        return new Splits(train, dev, test);
    }

    static TestItem item(List<SentencePair> group) {
        return new TestItem(group.get(0).source(), group.stream().map(SentencePair::target).toList(),
                group.stream().map(SentencePair::attribution).toList());
    }
}
