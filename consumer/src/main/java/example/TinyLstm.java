package example;

import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.text.Vocabulary;

/**
 * rnn4j as a dependency: a character LSTM (rnn4j-lm on rnn4j-core) learns to continue "hello world " for a few
 * Adam steps, and a Keras-style model (rnn4j-keras) prints its summary. Exits 1 when the loss did not fall.
 */
public final class TinyLstm {
    public static void main(String[] args) {
        String text = "hello world ".repeat(8);
        Vocabulary vocabulary = Vocabulary.of(text);
        int[] ids = vocabulary.encode(text);
        int steps = 16;
        int[] x = java.util.Arrays.copyOfRange(ids, 0, steps), y = java.util.Arrays.copyOfRange(ids, 1, steps + 1);

        CharLmConfig config = new CharLmConfig(RecurrentKind.LSTM, vocabulary.size(), 32, 1, 0f, 7);
        CharLanguageModel model = new CharLanguageModel(config);
        Adam adam = new Adam(model.parameters(), AdamConfig.adam().withLr(0.01));
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++) {
            for (Parameter p : model.parameters()) p.zeroGrad();
            last = model.trainingStep(x, y, 1, steps, model.zeroState(1));
            if (step == 0) first = last;
            adam.step();
        }
        System.out.printf("tiny LSTM: loss %.3f -> %.3f after 60 steps%n", first, last);

        Sequential keras = Sequential.of(new Embedding(vocabulary.size(), 8), new LSTM(16), new Dense(1));
        keras.build(Shape.NONE);   // sequences of any length, as keras.Input(shape=(None,))
        keras.printSummary();
        if (!(last < first / 2)) {
            System.err.println("the loss did not fall: " + first + " -> " + last);
            System.exit(1);
        }
    }
}
