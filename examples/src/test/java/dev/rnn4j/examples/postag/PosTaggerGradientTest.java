package dev.rnn4j.examples.postag;

import dev.rnn4j.examples.seqtools.FiniteDifferences;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The tagger's backward through both LSTMs, the character encoding of repeated words and the embeddings. */
class PosTaggerGradientTest {
    @Test
    void backwardMatchesCentralDifferences() {
        List<TaggedSentence> s = List.of(
                new TaggedSentence(List.of("the", "cat", "saw", "the", "cat"),
                        List.of("DET", "NOUN", "VERB", "DET", "NOUN")),
                new TaggedSentence(List.of("runs"), List.of("VERB")),
                new TaggedSentence(List.of("a", "longer", "word"), List.of("DET", "ADJ", "NOUN")));
        TaggerVocabs v = TaggerVocabs.build(s);
        PosTagger tagger = new PosTagger(v, new TaggerConfig(4, 3, 3, 5, 2, 0f), new Rng(3));
        PosBatch b = PosBatch.of(s, v, null);
        CrossEntropy ce = new CrossEntropy();
        PosTagger.Pass pass = tagger.forward(b);
        float[] d = new float[pass.logits().numel()];
        ce.compute(pass.logits(), b.tags(), d);
        tagger.parameters().zeroGrad();
        tagger.backward(pass, d);
        FiniteDifferences.check(tagger.parameters(), () -> ce.compute(tagger.forward(b).logits(), b.tags(), null));
    }
}
