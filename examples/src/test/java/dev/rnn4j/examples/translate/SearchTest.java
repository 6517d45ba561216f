package dev.rnn4j.examples.translate;

import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Properties of the searches on an untrained model, where choices are far from obvious. */
class SearchTest {
    @Test
    void beamOfOneIsGreedyAndWiderBeamsScoreAtLeastAsWell() {
        List<SentencePair> pairs = SyntheticTask.REVERSE.pairs(40, 3, 6, new Rng(2));
        Seq2SeqVocabs v = Seq2SeqVocabs.build(pairs, 1);
        Seq2Seq model = new Seq2Seq(new Seq2SeqConfig(RecurrentKind.LSTM, 8, 12, 1, 0f), v.source().size(),
                v.target().size(), new Rng(4));
        List<List<String>> sources = pairs.stream().map(SentencePair::source).toList();
        assertEquals(Seq2SeqTraining.translate(model, v, sources, 1, 8), translateByBeam(model, v, sources, 1, 8));
        // A wider beam explores a superset, so it never ends with a worse normalised score than beam 1.
        for (List<String> s : sources.subList(0, 10)) {
            double one = score(model, v, s, 1), four = score(model, v, s, 4);
            assertTrue(four >= one - 1e-9, "beam 4 " + four + " below beam 1 " + one + " for " + s);
        }
    }

    private static List<List<String>> translateByBeam(Seq2Seq m, Seq2SeqVocabs v, List<List<String>> sources,
            int beam, int max) {
        m.train(false);
        return sources.stream().map(s -> {
            Seq2Seq.Encoded e = m.encode(v.encodeSources(List.of(s), s.size()), new int[] {s.size()}, 1, s.size());
            return v.decode(Search.beam(m, e, beam, max));
        }).toList();
    }

    /** The beam's result scored as the beam scores: log-probability / length^α (with the end marker). */
    private static double score(Seq2Seq m, Seq2SeqVocabs v, List<String> s, int beam) {
        m.train(false);
        Seq2Seq.Encoded e = m.encode(v.encodeSources(List.of(s), s.size()), new int[] {s.size()}, 1, s.size());
        int[] out = Search.beam(m, e, beam, 8);
        int[] withEnd = java.util.Arrays.copyOf(out, out.length + 1);
        withEnd[out.length] = Seq2SeqVocabs.EOS;
        if (out.length == 8) return Double.NEGATIVE_INFINITY;   // unfinished: not comparable
        double logp = 0;
        dev.rnn4j.tensor.Tensor h = e.h(), c = e.c();
        int previous = Seq2SeqVocabs.SOS;
        for (int tok : withEnd) {
            Seq2Seq.Step st = m.step(e, new int[] {previous}, h, c);
            int V = m.targetVocabSize();
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < V; j++) max = Math.max(max, st.logits()[j]);
            for (int j = 0; j < V; j++) sum += Math.exp(st.logits()[j] - max);
            logp += st.logits()[tok] - max - Math.log(sum);
            h = st.h();
            c = st.c();
            previous = tok;
        }
        return logp / Math.pow(withEnd.length, Search.LENGTH_ALPHA);
    }
}
