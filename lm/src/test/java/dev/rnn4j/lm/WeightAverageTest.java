package dev.rnn4j.lm;

import dev.rnn4j.nn.RecurrentKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WeightAverageTest {
    static CharLanguageModel model(int hidden, long seed) {
        return new CharLanguageModel(new CharLmConfig(RecurrentKind.GRU, 7, hidden, 2, 0f, seed));
    }

    @Test
    void theMeanIsTakenInDoubleAndRoundedOnce() {
        List<CharLanguageModel> models = List.of(model(6, 1), model(6, 2), model(6, 3));
        WeightAverage average = new WeightAverage();
        for (CharLanguageModel m : models) average.add(m.stateDict());
        assertEquals(3, average.count());
        CharLanguageModel result = model(6, 4);
        average.copyInto(result.stateDict());
        result.stateDict().forEach((name, p) -> {
            float[] mean = p.value().data();
            for (int i = 0; i < mean.length; i++) {
                double sum = 0;
                for (CharLanguageModel m : models) sum += m.stateDict().get(name).value().data()[i];
                assertEquals((float) (sum / 3), mean[i], 0f, name + "[" + i + "]");
            }
        });
    }

    @Test
    void aModelAveragedWithItselfComesBackBitForBit() {
        CharLanguageModel m = model(5, 9);
        WeightAverage average = new WeightAverage();
        for (int k = 0; k < 3; k++) average.add(m.stateDict());
        CharLanguageModel copy = model(5, 10);
        average.copyInto(copy.stateDict());
        m.stateDict().forEach((name, p) ->
                assertArrayEquals(p.value().data(), copy.stateDict().get(name).value().data(), name));
    }

    @Test
    void modelsOfOtherShapesAreRefused() {
        WeightAverage average = new WeightAverage();
        average.add(model(5, 1).stateDict());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> average.add(model(6, 1).stateDict()));
        assertTrue(e.getMessage().contains("of shape"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new WeightAverage().copyInto(model(5, 1).stateDict()));
    }
}
