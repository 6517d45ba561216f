package dev.rnn4j.examples.translate;

import dev.rnn4j.examples.seqtools.FiniteDifferences;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

/**
 * The composed encoder-decoder backward (attention, bridge of final states, embeddings) against central differences.
 */
class Seq2SeqGradientTest {
    @ParameterizedTest
    @EnumSource(value = RecurrentKind.class, names = {"LSTM", "GRU"})
    void backwardMatchesCentralDifferences(RecurrentKind kind) {
        List<SentencePair> pairs = List.of(
                new SentencePair(List.of("a", "b", "c"), List.of("x", "y"), ""),
                new SentencePair(List.of("b"), List.of("y", "z", "x", "x"), ""),
                new SentencePair(List.of("c", "a"), List.of("z"), ""));
        Seq2SeqVocabs v = Seq2SeqVocabs.build(pairs, 1);
        Seq2Seq model =
                new Seq2Seq(new Seq2SeqConfig(kind, 3, 4, 2, 0f), v.source().size(), v.target().size(), new Rng(5));
        Seq2SeqBatch batch = Seq2SeqBatch.of(pairs, v);
        CrossEntropy ce = new CrossEntropy();
        Seq2Seq.Pass pass = model.forward(batch);
        float[] d = new float[pass.logits().numel()];
        ce.compute(pass.logits(), batch.tgtOut(), d);
        model.parameters().zeroGrad();
        model.backward(pass, d);
        FiniteDifferences.check(model.parameters(),
                () -> ce.compute(model.forward(batch).logits(), batch.tgtOut(), null));
    }
}
