package dev.rnn4j.examples.translate;

import dev.rnn4j.examples.seqtools.Vocab;

import java.util.List;

/**
 * Source and target vocabularies. Index 0 is padding and 1 the unknown token in both; the target adds
 * the decoder's start and end markers.
 */
record Seq2SeqVocabs(Vocab source, Vocab target) {
    static final int PAD = 0, UNK = 1, SOS = 2, EOS = 3;

    /** Tokens seen at least {@code minCount} times in the training pairs. */
    static Seq2SeqVocabs build(List<SentencePair> train, int minCount) {
        Vocab.Builder s = Vocab.builder("<pad>", "<unk>"), t = Vocab.builder("<pad>", "<unk>", "<sos>", "<eos>");
        for (SentencePair p : train) {
            p.source().forEach(s::add);
            p.target().forEach(t::add);
        }
        return new Seq2SeqVocabs(s.build(minCount), t.build(minCount));
    }

    /** (B, S) row-major source indices, unknown tokens as {@link #UNK}; an empty source becomes one unknown token. */
    int[] encodeSources(List<List<String>> sources, int steps) {
        int[] ids = new int[sources.size() * steps];
        for (int b = 0; b < sources.size(); b++) {
            List<String> s = sources.get(b);
            if (s.isEmpty()) ids[b * steps] = UNK;
            for (int i = 0; i < s.size(); i++) ids[b * steps + i] = source.idOr(s.get(i), UNK);
        }
        return ids;
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
