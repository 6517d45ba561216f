package dev.rnn4j.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed list of tokens (words, characters, tags, sub-words) and their indices, with the special entries
 * first, as embedding and output layers see them. The one token vocabulary of the library; the character
 * language model's {@link Vocabulary} stays separate because it is a closed, sorted set of code points with no
 * special or unknown entries, stored in checkpoints as the code points themselves.
 *
 * <pre>{@code
 * TokenVocabulary.Builder b = TokenVocabulary.builder("<pad>", "<unk>");
 * for (String w : words) b.add(w);
 * TokenVocabulary v = b.build(1);                  // every word seen at least once
 * int id = v.idOr(word, v.id("<unk>"));
 * int[] ids = v.encode(List.of("a", "b"), 1);     // unknown tokens as 1
 * }</pre>
 */
public final class TokenVocabulary {
    private final List<String> entries;
    private final Map<String, Integer> index;
    private final int[] counts;

    private TokenVocabulary(List<String> entries, int[] counts) {
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
    public static TokenVocabulary of(List<String> entries) {
        return new TokenVocabulary(entries, new int[entries.size()]);
    }

    /** A builder whose vocabulary starts with {@code specials} in this order (ids 0, 1, ...). */
    public static Builder builder(String... specials) { return new Builder(specials); }

    /** The number of entries, specials included. */
    public int size() { return entries.size(); }

    /** The entry with index {@code id}. */
    public String get(int id) { return entries.get(id); }

    /** The index of {@code s}; it must be in the vocabulary. */
    public int id(String s) {
        Integer i = index.get(s);
        if (i == null) throw new IllegalArgumentException("'" + s + "' is not in the vocabulary of " + size()
                    + " entries");
        return i;
    }

    /** The index of {@code s}, or {@code fallback} (usually the unknown entry) when it is not in the vocabulary. */
    public int idOr(String s, int fallback) { return index.getOrDefault(s, fallback); }

    /** Indices of {@code tokens} in order, {@code unknownId} for those not in the vocabulary. */
    public int[] encode(List<String> tokens, int unknownId) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = idOr(tokens.get(i), unknownId);
        return ids;
    }

    /** Whether {@code s} is an entry. */
    public boolean contains(String s) { return index.containsKey(s); }

    /** How often the entry was seen while building (0 for specials and vocabularies read back). */
    public int count(int id) { return counts[id]; }

    /** Every entry in index order (what a checkpoint stores to rebuild it with {@link #of}). */
    public List<String> entries() { return entries; }

    /** Counts strings, then keeps those seen at least {@code minCount} times, most frequent first. */
    public static final class Builder {
        private final List<String> specials;
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        private Builder(String... specials) { this.specials = List.of(specials); }

        /** Counts one occurrence of {@code s}. */
        public Builder add(String s) {
            counts.merge(s, 1, Integer::sum);
            return this;
        }

        /** The specials, then every entry counted at least {@code minCount} times, most frequent first. */
        public TokenVocabulary build(int minCount) {
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
            return new TokenVocabulary(entries, c);
        }
    }
}
