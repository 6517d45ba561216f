package dev.rnn4j.examples.seqtools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed list of strings (words, characters, tags) and their indices, with the special entries first,
 * as the embedding and output layers see them.
 *
 * <pre>{@code
 * Vocab.Builder b = Vocab.builder("<pad>", "<unk>");
 * for (String w : words) b.add(w);
 * Vocab v = b.build(1);                  // every word seen at least once
 * int id = v.idOr(word, v.id("<unk>"));
 * }</pre>
 */
public final class Vocab {
    private final List<String> entries;
    private final Map<String, Integer> index;
    private final int[] counts;

    private Vocab(List<String> entries, int[] counts) {
        this.entries = List.copyOf(entries);
        this.counts = counts;
        this.index = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            if (index.put(entries.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary entry '" + entries.get(i) + "' appears twice");
            }
        }
    }

    /** A vocabulary of exactly these entries in this order (e.g. read back from a checkpoint). */
    public static Vocab of(List<String> entries) { return new Vocab(entries, new int[entries.size()]); }

    public static Builder builder(String... specials) { return new Builder(specials); }

    public int size() { return entries.size(); }

    public String get(int id) { return entries.get(id); }

    /** The index of {@code s}; it must be in the vocabulary. */
    public int id(String s) {
        Integer i = index.get(s);
        if (i == null) throw new IllegalArgumentException("'" + s + "' is not in the vocabulary of " + size() + " entries");
        return i;
    }

    public int idOr(String s, int fallback) { return index.getOrDefault(s, fallback); }

    public boolean contains(String s) { return index.containsKey(s); }

    /** How often the entry was seen while building (0 for specials and vocabularies read back). */
    public int count(int id) { return counts[id]; }

    public List<String> entries() { return entries; }

    /** Counts strings, then keeps those seen at least {@code minCount} times, most frequent first. */
    public static final class Builder {
        private final List<String> specials;
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        private Builder(String... specials) { this.specials = List.of(specials); }

        public Builder add(String s) {
            counts.merge(s, 1, Integer::sum);
            return this;
        }

        public Vocab build(int minCount) {
            List<Map.Entry<String, Integer>> kept = new ArrayList<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() >= minCount && !specials.contains(e.getKey())) kept.add(e);
            }
            // Most frequent first; ties keep first-seen order (the sort is stable), so builds are reproducible.
            kept.sort(Collections.reverseOrder(Map.Entry.comparingByValue()));
            List<String> entries = new ArrayList<>(specials);
            int[] c = new int[specials.size() + kept.size()];
            for (Map.Entry<String, Integer> e : kept) {
                c[entries.size()] = e.getValue();
                entries.add(e.getKey());
            }
            return new Vocab(entries, c);
        }
    }
}
