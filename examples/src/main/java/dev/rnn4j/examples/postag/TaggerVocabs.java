package dev.rnn4j.examples.postag;

import dev.rnn4j.text.TokenVocabulary;

import java.util.List;

/**
 * The three vocabularies of a tagger, all built from the training sentences: words (with padding and
 * unknown), characters (likewise, so unseen words still get a spelling) and the tags it predicts.
 */
record TaggerVocabs(TokenVocabulary words, TokenVocabulary chars, TokenVocabulary tags) {
    static final String PAD = "<pad>", UNK = "<unk>";
    static final int PAD_ID = 0, UNK_ID = 1;

    static TaggerVocabs build(List<TaggedSentence> train) {
        TokenVocabulary.Builder w = TokenVocabulary.builder(PAD, UNK), c = TokenVocabulary.builder(PAD, UNK),
                t = TokenVocabulary.builder();
        for (TaggedSentence s : train) {
            for (int i = 0; i < s.length(); i++) {
                String word = s.words().get(i);
                w.add(word);
                word.codePoints().forEach(cp -> c.add(Character.toString(cp)));
                t.add(s.tags().get(i));
            }
        }
        return new TaggerVocabs(w.build(1), c.build(1), t.build(1));
    }
}
