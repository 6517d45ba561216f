package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reusing buffers changes no bit of any result, and an output whose buffers were reused cannot be used. */
class ReuseBuffersTest {
    static Stream<RecurrentConfig> configs() { return Fixtures.configs(true, true).stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sameBitsAsFreshArraysOverChangingShapesAndLengths(RecurrentConfig cfg) {
        RecurrentNetwork reusing = RecurrentNetwork.create(cfg), fresh = RecurrentNetwork.create(cfg);
        reusing.reuseBuffers(true);
        int W = cfg.directions() * cfg.outputSize();
        int[][] shapes = {{2, 3}, {2, 3}, {3, 4}, {2, 3}};   // (B, T): repeats reuse, a new shape allocates
        for (int call = 0; call < shapes.length; call++) {
            int B = shapes[call][0], T = shapes[call][1];
            int[] lengths = call == 1 ? new int[] {T, 1} : null;
            Tensor x = randn(10 + call, B, T, cfg.inputSize()), dy = randn(20 + call, B, T, W);
            RecurrentOutput a = reusing.forward(x, lengths, null, null), b = fresh.forward(x, lengths, null, null);
            assertArrayEquals(b.output().data(), a.output().data(), "output, call " + call);
            assertArrayEquals(b.hN().data(), a.hN().data(), "h_n, call " + call);
            RecurrentGradients ga = reusing.backward(a, dy, null, null), gb = fresh.backward(b, dy, null, null);
            assertArrayEquals(gb.input().data(), ga.input().data(), "grad input, call " + call);
        }
        List<Parameter> p = reusing.parameters(), q = fresh.parameters();
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(q.get(i).gradient().data(), p.get(i).gradient().data(),
                    "accumulated grad " + p.get(i).name());
        }
    }

    @Test
    void backwardOfAnOverwrittenOutputFailsWithTheFix() {
        Lstm lstm = Lstm.builder(3, 4).batchFirst(true).build();
        lstm.reuseBuffers(true);
        RecurrentOutput first = lstm.forward(randn(1, 2, 5, 3));
        lstm.forward(randn(2, 2, 5, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lstm.backward(first, randn(3, 2, 5, 4), null));
        assertTrue(e.getMessage().contains("call backward before the next forward"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> first.trace(0, 0));
    }

    @Test
    void withoutReuseOutstandingForwardsStayUsable() {
        // Two identically initialised layers: one runs backward at once, the other after a second forward.
        Lstm direct = Lstm.builder(3, 4).batchFirst(true).build();
        Lstm interleaved = Lstm.builder(3, 4).batchFirst(true).build();
        Tensor x = randn(1, 2, 5, 3), dy = randn(3, 2, 5, 4);
        RecurrentOutput expected = direct.forward(x);
        Tensor expectedGates = expected.trace(0, 0).gates();    // read before backward, which writes over them
        RecurrentGradients expectedGrads = direct.backward(expected, dy, null);

        RecurrentOutput first = interleaved.forward(x);
        float[] outputBefore = first.output().data().clone();
        RecurrentOutput second = interleaved.forward(randn(2, 2, 5, 3));
        assertTrue(second.output().data() != first.output().data(), "without reuse a forward gets fresh buffers");
        assertArrayEquals(outputBefore, first.output().data(), "the second forward overwrote the first's output");
        assertArrayEquals(expectedGates.data(), first.trace(0, 0).gates().data(), "gates of the first forward");
        RecurrentGradients grads = interleaved.backward(first, dy, null);
        assertArrayEquals(expectedGrads.input().data(), grads.input().data(), "grad input");
        List<Parameter> p = direct.parameters(), q = interleaved.parameters();
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(p.get(i).gradient().data(), q.get(i).gradient().data(), "grad " + p.get(i).name());
        }
    }
}
