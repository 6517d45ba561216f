package dev.rnn4j.examples.translate;

import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machinery test of the issue: the attention encoder-decoder must get ≥ 99% of held-out sequences
 * exactly right on the reverse and sort tasks, at sizes small enough to run in seconds. Every epoch sees
 * fresh random sequences (the tasks have endless data), training stops once all 500 development sequences
 * are right (or after 30 epochs; the step halves after two epochs without progress), and the score that
 * counts is on a separate test set.
 */
class SyntheticTaskTest {
    static final int MAX_EPOCHS = 30;

    @ParameterizedTest
    @EnumSource(SyntheticTask.class)
    void reachesNinetyNinePercentExactMatch(SyntheticTask task) {
        Rng data = new Rng(7);
        List<TestItem> dev = items(task.pairs(500, 3, 7, data)), test = items(task.pairs(500, 3, 7, data));
        Seq2SeqVocabs v = Seq2SeqVocabs.build(task.pairs(200, 3, 7, data), 1);
        Seq2Seq model = new Seq2Seq(new Seq2SeqConfig(RecurrentKind.LSTM, 32, 64, 1, 0f), v.source().size(),
                v.target().size(), new Rng(1));
        Adam adam = new Adam(model.parameters().list(), AdamConfig.adam().withLr(0.003));
        Rng order = new Rng(2);
        double best = 0;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= MAX_EPOCHS && best < 1.0; epoch++) {
            Seq2SeqTraining.epoch(model, v, task.pairs(2000, 3, 7, data), adam, 32, 5.0, order, step -> {});
            double exact = exactMatch(model, v, dev);
            sinceBest = exact > best ? 0 : sinceBest + 1;
            if (sinceBest == 2) {   // halve after two epochs without progress
                adam.setLr(adam.lr() / 2);
                sinceBest = 0;
            }
            best = Math.max(best, exact);
        }
        double exact = exactMatch(model, v, test);
        assertTrue(exact >= 0.99, task + ": exact match " + exact + " on " + test.size() + " held-out sequences");
    }

    private static List<TestItem> items(List<SentencePair> pairs) {
        return pairs.stream().map(p -> Splits.item(List.of(p))).toList();
    }

    private static double exactMatch(Seq2Seq model, Seq2SeqVocabs v, List<TestItem> items) {
        return Seq2SeqTraining.score(
                Seq2SeqTraining.translate(model, v, items.stream().map(TestItem::source).toList(), 1, 10), items)
                .exactMatch();
    }
}
