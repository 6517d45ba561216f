package dev.rnn4j.lm;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.nn.RecurrentKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluationTest {
    private static int[] tokens(int n, int v) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = (i * 7 + i / 5) % v;
        return t;
    }

    @Test
    void theListenerHearsEveryChunkInOrderAndTheScoreIsUnchanged() {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, 11, 16, 1, 0f, 4));
        int[] tokens = tokens(1_000, 11);
        // 4 streams of 249 steps, read 20 at a time: 12 chunks
        List<String> heard = new ArrayList<>();
        double told = Evaluation.meanLoss(model, tokens, 4, 20, () -> {},
                (done, total) -> heard.add(done + "/" + total));
        assertEquals(12, heard.size(), heard.toString());
        for (int i = 0; i < heard.size(); i++) assertEquals((i + 1) + "/12", heard.get(i));
        assertEquals(Evaluation.meanLoss(model, tokens, 4, 20, () -> {}), told);

        List<String> frozen = new ArrayList<>();
        InferenceModel inference = InferenceModel.of(model, WeightPrecision.FLOAT32);
        double toldFrozen = Evaluation.meanLoss(inference, tokens, 4, 20,
                (done, total) -> frozen.add(done + "/" + total));
        assertEquals(heard, frozen);
        assertEquals(Evaluation.meanLoss(inference, tokens, 4, 20), toldFrozen);
    }
}
