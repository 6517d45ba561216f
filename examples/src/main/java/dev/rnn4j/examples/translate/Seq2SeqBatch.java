package dev.rnn4j.examples.translate;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.text.PaddedBatch;

import java.util.ArrayList;
import java.util.Arrays;
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
record Seq2SeqBatch(int batchSize, int srcSteps, int[] src, int[] srcLen, int tgtSteps, int[] tgtIn, int[] tgtOut,
        int[] tgtLen) {
    static Seq2SeqBatch of(List<SentencePair> pairs, Seq2SeqVocabs v) {
        PaddedBatch src = v.paddedSources(pairs.stream().map(SentencePair::source).toList(), 1);
        List<int[]> in = new ArrayList<>(), out = new ArrayList<>();
        for (SentencePair p : pairs) {
            int[] ids = v.target().encode(p.target(), Seq2SeqVocabs.UNK);
            int[] shiftedRight = new int[ids.length + 1], withEnd = Arrays.copyOf(ids, ids.length + 1);
            shiftedRight[0] = Seq2SeqVocabs.SOS;
            System.arraycopy(ids, 0, shiftedRight, 1, ids.length);
            withEnd[ids.length] = Seq2SeqVocabs.EOS;
            in.add(shiftedRight);
            out.add(withEnd);
        }
        PaddedBatch tgtIn = PaddedBatch.of(in, Seq2SeqVocabs.PAD),
                tgtOut = PaddedBatch.of(out, CrossEntropy.DEFAULT_IGNORE_INDEX);
        return new Seq2SeqBatch(src.batchSize(), src.steps(), src.ids(), src.lengths(), tgtIn.steps(), tgtIn.ids(),
                tgtOut.ids(), tgtIn.lengths());
    }
}
