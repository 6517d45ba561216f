package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telling a network that its input rows are copies of a few table rows ({@link InputRows}, as an embedding
 * lookup gives) changes how the first layer computes its input projection, never the result: outputs, final
 * states and every gradient are bitwise those of the plain forward. Covers every layer class, both layouts,
 * both directions, no bias, and an input wider than one k slice of the GEMM (where the bias must go in first).
 */
class InputRowsTest {
    private static final int V = 7, T = 13, B = 9;

    @Test
    void lstmGivesTheSameBits() {
        check(() -> Lstm.builder(24, 40).numLayers(2).bidirectional(true).rng(new Rng(1)).build(), 24, false);
        check(() -> Lstm.builder(24, 40).batchFirst(true).rng(new Rng(2)).build(), 24, true);
        check(() -> Lstm.builder(600, 20).bias(true).batchFirst(true).rng(new Rng(3)).build(), 600, true);
        check(() -> Lstm.builder(24, 40).bias(false).projSize(10).rng(new Rng(4)).build(), 24, false);
        GateFunction hard = GateFunction.HARD_SIGMOID_KERAS2;
        check(() -> Lstm.builder(24, 40).gateFunction(hard).rng(new Rng(5)).build(), 24, false);
    }

    @Test
    void gruAndRnnGiveTheSameBits() {
        check(() -> Gru.builder(24, 40).batchFirst(true).rng(new Rng(6)).build(), 24, true);
        check(() -> Gru.builder(24, 40).resetAfter(false).rng(new Rng(7)).build(), 24, false);
        GateFunction hard = GateFunction.HARD_SIGMOID_KERAS2;
        check(() -> Gru.builder(24, 40).gateFunction(hard).rng(new Rng(8)).build(), 24, false);
        check(() -> Rnn.builder(600, 30).numLayers(2).bidirectional(true).rng(new Rng(9)).build(), 600, false);
        check(() -> Rnn.builder(24, 30).nonlinearity(Nonlinearity.RELU).bias(false).rng(new Rng(10)).build(), 24,
                false);
    }

    @Test
    void anIndexThatDoesNotFitTheInputIsRefused() {
        Lstm lstm = Lstm.builder(4, 5).rng(new Rng(11)).build();
        float[] table = Tensor.randn(new Rng(12), V, 4).data();
        Tensor x = Tensor.randn(new Rng(13), T, B, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(x, null, null, null, new InputRows(table, 0, V, new int[T * B - 1])));
        assertTrue(e.getMessage().contains("index has " + (T * B - 1) + " entries for an input of " + T * B + " rows"),
                e.getMessage());
        int[] outside = new int[T * B];
        outside[5] = V;
        e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(x, null, null, null, new InputRows(table, 0, V, outside)));
        assertTrue(e.getMessage().contains("index " + V + " at row 5 is outside the table's " + V + " rows"),
                e.getMessage());
    }

    /** The plain forward and backward against the one told about the input rows, on two copies of one network. */
    private static void check(Supplier<RecurrentNetwork> make, int inputSize, boolean batchFirst) {
        Rng rng = new Rng(inputSize + (batchFirst ? 1 : 0));
        float[] table = Tensor.randn(rng, V, inputSize).data();
        int[] index = new int[T * B];
        float[] x = new float[T * B * inputSize];
        for (int r = 0; r < index.length; r++) {
            index[r] = rng.nextInt(V);
            System.arraycopy(table, index[r] * inputSize, x, r * inputSize, inputSize);
        }
        Tensor input = batchFirst ? new Tensor(x, B, T, inputSize) : new Tensor(x, T, B, inputSize);
        int[] lengths = new int[B];
        for (int b = 0; b < B; b++) lengths[b] = T - (b * 5) % T;
        List<float[]> plain = run(make.get(), input, lengths, null);
        List<float[]> told = run(make.get(), input, lengths, new InputRows(table, 0, V, index));
        for (int i = 0; i < plain.size(); i++) assertArrayEquals(plain.get(i), told.get(i), "result " + i);
    }

    private static List<float[]> run(RecurrentNetwork net, Tensor input, int[] lengths, InputRows rows) {
        RecurrentOutput out = net.forward(input, lengths, null, null, rows);
        RecurrentGradients g = net.backward(out, Tensor.randn(new Rng(99), out.output().shape()), null, null);
        List<float[]> results = new ArrayList<>(List.of(out.output().data(), out.hN().data(), g.input().data()));
        for (Parameter p : net.parameters()) results.add(p.grad().clone());
        return results;
    }
}
