package dev.rnn4j.examples.translate;

import dev.rnn4j.text.PaddedBatch;
import dev.rnn4j.text.TokenVocabulary;

import java.util.List;

/**
 * Source and target vocabularies. Index 0 is padding and 1 the unknown token in both; the target adds
 * the decoder's start and end markers.
 */
record Seq2SeqVocabs(TokenVocabulary source, TokenVocabulary target) {
    static final int PAD = 0, UNK = 1, SOS = 2, EOS = 3;

    /** Tokens seen at least {@code minCount} times in the training pairs. */
    static Seq2SeqVocabs build(List<SentencePair> train, int minCount) {
        TokenVocabulary.Builder s = TokenVocabulary.builder("<pad>", "<unk>"),
                t = TokenVocabulary.builder("<pad>", "<unk>", "<sos>", "<eos>");
        for (SentencePair p : train) {
            p.source().forEach(s::add);
            p.target().forEach(t::add);
        }
        return new Seq2SeqVocabs(s.build(minCount), t.build(minCount));
    }

    /** (B, S) row-major source indices, unknown tokens as {@link #UNK}; an empty source becomes one unknown token. */
    int[] encodeSources(List<List<String>> sources, int steps) {
        return paddedSources(sources, steps).ids();
    }

    /** The sources padded to at least {@code steps} steps, with their lengths (an empty source counts 1). */
    PaddedBatch paddedSources(List<List<String>> sources, int steps) {
        List<int[]> ids = sources.stream().map(s -> s.isEmpty() ? new int[] {UNK} : source.encode(s, UNK)).toList();
        return PaddedBatch.of(ids, PAD, steps);
    }

    /** The target tokens of indices up to (not including) the end marker. */
    List<String> decode(int[] ids) {
        List<String> out = new java.util.ArrayList<>();
        for (int id : ids) {
            if (id == EOS) break;
            out.add(target.get(id));
        }
        return out;
    }
}
