package dev.rnn4j.examples.postag;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.PaddedBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of sentences as index arrays, padded to the longest sentence ({@code (B, T)} row-major), and
 * the distinct words of the batch spelled out for the character encoder ({@code (W, C)}, each word once).
 *
 * @param wordIds     (B, T) word indices, {@link TaggerVocabs#PAD_ID} after a sentence's end
 * @param tokenWord   (B, T) which distinct word (row of {@code charIds}) each token is, −1 at padding
 * @param charIds     (W, C) character indices of the distinct words, padded with {@link TaggerVocabs#PAD_ID}
 * @param charLengths (W) characters per distinct word, at most {@link #MAX_CHARS}
 * @param tags        (B, T) gold tag indices, {@link CrossEntropy#DEFAULT_IGNORE_INDEX} at padding (and for
 *                    tags the training set never had)
 */
record PosBatch(int batchSize, int maxLength, int[] lengths, int[] wordIds, int[] tokenWord,
                int distinctWords, int maxChars, int[] charIds, int[] charLengths, int[] tags) {
    /** Longer words keep their first and last halves: affixes carry the part of speech, the middle rarely does. */
    static final int MAX_CHARS = 24;

    /**
     * @param wordDropout when not null (training), a word seen {@code n} times in training is replaced by
     *                    the unknown word with probability α/(α+n), α = 0.25, so the model learns to tag
     *                    unknown words from their spelling and context
     */
    static PosBatch of(List<TaggedSentence> sentences, TaggerVocabs v, Rng wordDropout) {
        List<int[]> words = new ArrayList<>(), tokenWords = new ArrayList<>(), tags = new ArrayList<>();
        Map<String, Integer> distinct = new LinkedHashMap<>();
        for (TaggedSentence s : sentences) {
            int[] wordIds = new int[s.length()], tokenWord = new int[s.length()], tagIds = new int[s.length()];
            for (int t = 0; t < s.length(); t++) {
                String word = s.words().get(t);
                int id = v.words().idOr(word, TaggerVocabs.UNK_ID);
                if (wordDropout != null && id != TaggerVocabs.UNK_ID) {
                    double alpha = 0.25;
                    if (wordDropout.nextDouble() < alpha / (alpha + v.words().count(id))) id = TaggerVocabs.UNK_ID;
                }
                wordIds[t] = id;
                tokenWord[t] = distinct.computeIfAbsent(word, k -> distinct.size());
                tagIds[t] = v.tags().idOr(s.tags().get(t), CrossEntropy.DEFAULT_IGNORE_INDEX);
            }
            words.add(wordIds);
            tokenWords.add(tokenWord);
            tags.add(tagIds);
        }
        List<int[]> spelled = new ArrayList<>();
        for (String word : distinct.keySet()) {
            int[] cps = clip(word.codePoints().toArray());
            int[] ids = new int[cps.length];
            for (int i = 0; i < cps.length; i++) {
                ids[i] = v.chars().idOr(Character.toString(cps[i]), TaggerVocabs.UNK_ID);
            }
            spelled.add(ids);
        }
        PaddedBatch w = PaddedBatch.of(words, TaggerVocabs.PAD_ID, 0), c = PaddedBatch.of(spelled, TaggerVocabs.PAD_ID);
        return new PosBatch(w.batchSize(), w.steps(), w.lengths(), w.ids(), PaddedBatch.of(tokenWords, -1, 0).ids(),
                c.batchSize(), c.steps(), c.ids(), c.lengths(),
                PaddedBatch.of(tags, CrossEntropy.DEFAULT_IGNORE_INDEX, 0).ids());
    }

    private static int[] clip(int[] cps) {
        if (cps.length <= MAX_CHARS) return cps;
        int[] out = new int[MAX_CHARS];
        int head = MAX_CHARS / 2;
        System.arraycopy(cps, 0, out, 0, head);
        System.arraycopy(cps, cps.length - (MAX_CHARS - head), out, head, MAX_CHARS - head);
        return out;
    }
}
