package dev.rnn4j.examples.translate;

import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The RNN basics' sequence-to-sequence exercise: a GRU encoder-decoder with hidden size 16 learns four
 * English→Korean sentences and then translates its training sentence "Pytorch is very clear to use."
 * as "파이토치는 사용하기 매우 직관적이다." (what the tutorial's notebook prints).
 */
class FourSentenceTranslationTest {
    static final String[][] RAW = {
            {"I feel hungry.", "나는 배가 고프다."},
            {"Pytorch is very easy.", "파이토치는 매우 쉽다."},
            {"Pytorch is a framework for deep learning.", "파이토치는 딥러닝을 위한 프레임워크이다."},
            {"Pytorch is very clear to use.", "파이토치는 사용하기 매우 직관적이다."}};

    @Test
    void translatesItsTrainingSentence() {
        List<SentencePair> pairs = java.util.Arrays.stream(RAW)
                .map(p -> new SentencePair(Tokens.of(p[0]), Tokens.of(p[1]), "")).toList();
        Seq2SeqVocabs v = Seq2SeqVocabs.build(pairs, 1);
        Seq2Seq model = new Seq2Seq(new Seq2SeqConfig(RecurrentKind.GRU, 16, 16, 1, 0f), v.source().size(),
                v.target().size(), new Rng(0));
        Adam adam = new Adam(model.parameters().list(), AdamConfig.adam().withLr(0.01));
        Rng order = new Rng(1);
        for (int epoch = 0; epoch < 150; epoch++) {
            Seq2SeqTraining.epoch(model, v, pairs, adam, 4, 5.0, order, step -> {});
        }

        List<List<String>> out =
                Seq2SeqTraining.translate(model, v, pairs.stream().map(SentencePair::source).toList(), 1, 12);
        assertEquals("파이토치는 사용하기 매우 직관적이다 .", Tokens.join(out.get(3)),
                "the exercise's sentence");
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(pairs.get(i).target(), out.get(i), "training sentence " + i);
        }
        // Beam search finds the same translations.
        assertEquals(out,
                Seq2SeqTraining.translate(model, v, pairs.stream().map(SentencePair::source).toList(), 3, 12));
    }
}
