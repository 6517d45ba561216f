package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backward writes its gradients over the activations forward saved, so an output serves one backward (PyTorch's
 * graph without {@code retain_graph}): a second one, or reading the trace after it, fails with the fix in its
 * message instead of returning gradients computed from gradients.
 */
class OneBackwardPerOutputTest {
    static Stream<RecurrentConfig> configs() { return Fixtures.configs(true, true).stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aSecondBackwardFailsAndAFreshForwardGivesTheSameGradients(RecurrentConfig cfg) {
        RecurrentNetwork net = RecurrentNetwork.create(cfg);
        int B = 3, T = 4, W = cfg.directions() * cfg.outputSize();
        int[] lengths = {4, 2, 3};
        Tensor x = randn(1, B, T, cfg.inputSize()), dy = randn(2, B, T, W);
        RecurrentOutput out = net.forward(x, lengths, null, null);
        Tensor gates = out.trace(0, 0).gates();
        Tensor dx = net.backward(out, dy, null, null).input();

        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> net.backward(out, dy, null, null));
        assertTrue(again.getMessage().contains("run forward again"), again.getMessage());
        assertTrue(again.getMessage().contains("add their gradients and run one backward"), again.getMessage());
        IllegalStateException trace = assertThrows(IllegalStateException.class, () -> out.trace(0, 0));
        assertTrue(trace.getMessage().contains("trace before backward"), trace.getMessage());

        RecurrentOutput fresh = net.forward(x, lengths, null, null);
        assertArrayEquals(gates.data(), fresh.trace(0, 0).gates().data(), "the gates of the same forward");
        assertArrayEquals(dx.data(), net.backward(fresh, dy, null, null).input().data(), "dx of the same forward");
    }

    @Test
    void aBackwardRefusedForItsArgumentsLeavesTheOutputUsable() {
        Lstm lstm = Lstm.builder(3, 4).batchFirst(true).build();
        RecurrentOutput out = lstm.forward(randn(1, 2, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> lstm.backward(out, randn(2, 2, 5, 3), null));
        Tensor dx = lstm.backward(out, randn(3, 2, 5, 4), null).input();
        assertArrayEquals(new int[] {2, 5, 3}, dx.shape());
    }

    @Test
    void aCellStepServesOneBackward() {
        LstmCell lstm = new LstmCell(3, 4, true, new Rng(5));
        GruCell gru = new GruCell(3, 4, true, new Rng(6));
        RnnCell rnn = new RnnCell(3, 4, true, Nonlinearity.TANH, new Rng(7));
        Tensor x = randn(1, 2, 3), dh = randn(2, 2, 4);
        CellOutput[] steps = {lstm.forward(x, null, null), gru.forward(x, null), rnn.forward(x, null)};
        for (CellOutput o : steps) {
            o.gradients(dh, null);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.gradients(dh, null));
            assertTrue(e.getMessage().contains("run forward again"), e.getMessage());
        }
    }
}
