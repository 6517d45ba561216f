package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The "hello" example: one word of 5 characters, each a one-hot vector over {h, e, l, o}, through an RNN of size 2. */
class HelloRnnTest {

    @Test
    void helloThroughAnRnn() {
        // one-hot: h = [1,0,0,0], e = [0,1,0,0], l = [0,0,1,0], o = [0,0,0,1]
        Tensor input = new Tensor(new float[] {
                1, 0, 0, 0,   // h
                0, 1, 0, 0,   // e
                0, 0, 1, 0,   // l
                0, 0, 1, 0,   // l
                0, 0, 0, 1},  // o
                1, 5, 4);     // (batch, seq, input)

        Rnn rnn = Rnn.builder(4, 2).batchFirst(true).build();
        RecurrentOutput out = rnn.forward(input);

        assertArrayEquals(new int[] {1, 5, 2}, out.output().shape());   // (batch, seq, hidden)
        assertArrayEquals(new int[] {1, 1, 2}, out.hN().shape());       // (layers, batch, hidden)
        // the final hidden state is the output at the last step
        assertEquals(out.output().get(0, 4, 0), out.hN().get(0, 0, 0));
        assertEquals(out.output().get(0, 4, 1), out.hN().get(0, 0, 1));
    }
}
