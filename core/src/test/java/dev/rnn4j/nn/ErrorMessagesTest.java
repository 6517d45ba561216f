package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Wrong arguments fail at the public boundary with a message naming the argument, the expected and the found value. */
class ErrorMessagesTest {

    private static void expect(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void inputSize() {
        Lstm lstm = Lstm.builder(4, 5).batchFirst(true).build();
        expect("LSTM expects input size 4, got 3 (input shape [3, 5, 3], batchFirst=true)",
                () -> lstm.forward(Tensor.zeros(3, 5, 3)));
        expect("GRU expects input size 4, got 2 (input shape [5, 3, 2], batchFirst=false)",
                () -> new Gru(4, 5).forward(Tensor.zeros(5, 3, 2)));
    }

    @Test
    void inputRank() {
        expect("RNN expects a 3-dimensional input (seq, batch, input) with batchFirst=false, got shape [5, 4]",
                () -> new Rnn(4, 5).forward(Tensor.zeros(5, 4)));
    }

    @Test
    void stateShapes() {
        Lstm lstm = Lstm.builder(4, 5).numLayers(2).build();
        Tensor x = Tensor.zeros(7, 3, 4);
        expect("h0 must have shape [2, 3, 5], got [1, 3, 5]", () -> lstm.forward(x, Tensor.zeros(1, 3, 5), null));
        expect("c0 must have shape [2, 3, 5], got [2, 3, 4]", () -> lstm.forward(x, null, Tensor.zeros(2, 3, 4)));
        Lstm proj = Lstm.builder(4, 5).projSize(2).bidirectional(true).build();
        expect("h0 must have shape [2, 3, 2], got [2, 3, 5]", () -> proj.forward(x, Tensor.zeros(2, 3, 5), null));
    }

    @Test
    void lengths() {
        Gru gru = new Gru(4, 5);
        Tensor x = Tensor.zeros(6, 3, 4);
        expect("lengths has 2 entries but batch is 3", () -> gru.forward(x, new int[] {6, 2}, null));
        expect("lengths[1] must be in [1, 6] (the sequence length), got 0",
                () -> gru.forward(x, new int[] {6, 0, 2}, null));
        expect("lengths[2] must be in [1, 6] (the sequence length), got 7",
                () -> gru.forward(x, new int[] {6, 1, 7}, null));
    }

    @Test
    void constructorArguments() {
        expect("dropout must be in [0, 1), got 1.5", () -> Lstm.builder(4, 5).dropout(1.5f).build());
        expect("hiddenSize must be positive, got 0", () -> new Rnn(4, 0));
        expect("numLayers must be positive, got 0", () -> Gru.builder(4, 5).numLayers(0).build());
        expect("projSize must be smaller than hiddenSize 5, got 5", () -> Lstm.builder(4, 5).projSize(5).build());
        expect("inputSize must be positive, got -1", () -> new LstmCell(-1, 3));
    }

    @Test
    void backwardArguments() {
        Lstm a = new Lstm(4, 5), b = new Lstm(4, 5);
        RecurrentOutput out = a.forward(Tensor.zeros(2, 3, 4));
        expect("out was produced by another LSTM module", () -> b.backward(out, null, null, null));
        expect("dOutput must have shape [2, 3, 5], got [3, 2, 5]",
                () -> a.backward(out, Tensor.zeros(3, 2, 5), null, null));
        expect("dCn must have shape [1, 3, 5], got [1, 3, 4]",
                () -> a.backward(out, null, null, Tensor.zeros(1, 3, 4)));
    }

    @Test
    void unknownParameter() {
        expect("GRU has no parameter 'weight_hr_l0'; it has [weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0]",
                () -> new Gru(4, 5).parameter("weight_hr_l0"));
    }

    @Test
    void cellInputs() {
        LstmCell cell = new LstmCell(4, 5);
        expect("LSTMCell expects input of shape (batch, 4), got [3, 5]",
                () -> cell.forward(Tensor.zeros(3, 5), null, null));
        expect("h must have shape [3, 5], got [5, 3]",
                () -> cell.forward(Tensor.zeros(3, 4), Tensor.zeros(5, 3), null));
    }
}
