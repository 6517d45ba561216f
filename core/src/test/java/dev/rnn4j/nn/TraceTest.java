package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-step gates and cells a forward pass exposes are the ones the equations give. */
class TraceTest {

    @Test
    void lstmTraceHoldsGatesAndCells() {
        int T = 3, B = 2, I = 4, H = 5;
        Lstm lstm = Lstm.builder(I, H).bidirectional(true).build();
        RecurrentOutput out = lstm.forward(randn(1, T, B, I), new int[] {3, 2}, null, null);
        Trace tr = out.trace(0, 0);
        assertArrayEquals(new int[] {T, B, 4 * H}, tr.gates().shape());
        assertArrayEquals(new int[] {T, B, H}, tr.cells().shape());
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                if (t >= tr.lengths()[b]) continue;
                for (int j = 0; j < H; j++) {
                    // h_t = o ⊙ tanh(c_t), the forward half of the output
                    float o = tr.gates().get(t, b, 3 * H + j), c = tr.cells().get(t, b, j);
                    assertEquals(o * (float) Math.tanh(c), out.output().get(t, b, j), 1e-6f);
                }
            }
        }
        for (float v : java.util.Arrays.copyOfRange(tr.gates().data(), (2 * B + 1) * 4 * H, (2 * B + 2) * 4 * H)) {
            assertEquals(0f, v, "gates past the end of sequence 1");
        }
        assertThrows(IllegalArgumentException.class, () -> out.trace(1, 0));
    }

    @Test
    void rnnTraceIsTheHiddenState() {
        Rnn rnn = new Rnn(3, 4);
        Tensor x = randn(2, 5, 2, 3);
        RecurrentOutput out = rnn.forward(x);
        Trace tr = out.trace(0, 0);
        assertArrayEquals(out.output().data(), tr.gates().data());
        assertNull(tr.cells());
    }
}
