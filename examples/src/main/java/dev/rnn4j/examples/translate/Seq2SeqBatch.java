package dev.rnn4j.examples.translate;

import dev.rnn4j.loss.CrossEntropy;

import java.util.List;

/**
 * Sentence pairs as padded index arrays for teacher forcing: the decoder reads {@code <sos> y1 … yn}
 * and is trained to predict {@code y1 … yn <eos>}.
 *
 * @param src    (B, S) source indices, 0 (padding) after each sentence
 * @param tgtIn  (B, T) decoder inputs, T = longest target + 1
 * @param tgtOut (B, T) expected outputs, {@link CrossEntropy#DEFAULT_IGNORE_INDEX} at padding
 * @param tgtLen (B) target lengths + 1 (the end marker)
 */
record Seq2SeqBatch(int batchSize, int srcSteps, int[] src, int[] srcLen, int tgtSteps, int[] tgtIn, int[] tgtOut, int[] tgtLen) {
    static Seq2SeqBatch of(List<SentencePair> pairs, Seq2SeqVocabs v) {
        int B = pairs.size(), S = 1, T = 1;
        for (SentencePair p : pairs) {
            S = Math.max(S, p.source().size());
            T = Math.max(T, p.target().size() + 1);
        }
        int[] src = v.encodeSources(pairs.stream().map(SentencePair::source).toList(), S);
        int[] srcLen = new int[B], tgtIn = new int[B * T], tgtOut = new int[B * T], tgtLen = new int[B];
        java.util.Arrays.fill(tgtOut, CrossEntropy.DEFAULT_IGNORE_INDEX);
        for (int b = 0; b < B; b++) {
            SentencePair p = pairs.get(b);
            srcLen[b] = Math.max(1, p.source().size());
            int n = p.target().size();
            tgtLen[b] = n + 1;
            tgtIn[b * T] = Seq2SeqVocabs.SOS;
            for (int t = 0; t < n; t++) {
                int id = v.target().idOr(p.target().get(t), Seq2SeqVocabs.UNK);
                tgtIn[b * T + t + 1] = id;
                tgtOut[b * T + t] = id;
            }
            tgtOut[b * T + n] = Seq2SeqVocabs.EOS;
        }
        return new Seq2SeqBatch(B, S, src, srcLen, T, tgtIn, tgtOut, tgtLen);
    }
}
