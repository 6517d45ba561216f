package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telling a network that its input rows are copies of a few table rows ({@link InputRows}, as an embedding
 * lookup gives) changes how the first layer computes its input projection, never the result: outputs, final
 * states and every gradient are bitwise those of the plain forward. Covers every layer class, both layouts,
 * both directions, no bias, and an input wider than one k slice of the GEMM (where the bias must go in first).
 * With a gradient for the table, backward sums the gates' gradient per distinct row instead: every parameter
 * gradient and the table's gradient agree with the plain backward (its dx added up per table row) to float
 * rounding, and no input gradient is returned.
 */
class InputRowsTest {
    private static final int V = 7, T = 13, B = 9;

    @Test
    void lstmGivesTheSameBits() {
        for (Case c : lstmCases()) check(c.make(), c.inputSize(), c.batchFirst());
    }

    @Test
    void gruAndRnnGiveTheSameBits() {
        for (Case c : gruAndRnnCases()) check(c.make(), c.inputSize(), c.batchFirst());
    }

    @Test
    void theTableGradientMatchesThePlainBackward() {
        List<Case> cases = new ArrayList<>(lstmCases());
        cases.addAll(gruAndRnnCases());
        for (Case c : cases) {
            checkTableGradient(c.make(), c.inputSize(), c.batchFirst(), T, B);
            checkTableGradient(c.make(), c.inputSize(), c.batchFirst(), 1, 3);   // 3 rows, 7 distinct: scattered
        }
    }

    @Test
    void aGradientTooSmallForTheTableIsRefused() {
        Lstm lstm = Lstm.builder(4, 5).rng(new Rng(14)).build();
        float[] table = Tensor.randn(new Rng(15), V, 4).data();
        Tensor x = Tensor.randn(new Rng(16), T, B, 4);
        InputRows rows = new InputRows(table, 0, V, new int[T * B]).withGradient(new float[V * 4], 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(x, null, null, null, rows));
        assertTrue(e.getMessage().contains("a gradient of " + V + " rows of 4 from offset 1 needs " + (V * 4 + 1)
                + " floats, got " + V * 4), e.getMessage());
    }

    private record Case(Supplier<RecurrentNetwork> make, int inputSize, boolean batchFirst) {}

    private static List<Case> lstmCases() {
        GateFunction hard = GateFunction.HARD_SIGMOID_KERAS2;
        return List.of(
                new Case(() -> Lstm.builder(24, 40).numLayers(2).bidirectional(true).rng(new Rng(1)).build(), 24,
                        false),
                new Case(() -> Lstm.builder(24, 40).batchFirst(true).rng(new Rng(2)).build(), 24, true),
                new Case(() -> Lstm.builder(600, 20).bias(true).batchFirst(true).rng(new Rng(3)).build(), 600, true),
                new Case(() -> Lstm.builder(24, 40).bias(false).projSize(10).rng(new Rng(4)).build(), 24, false),
                new Case(() -> Lstm.builder(24, 40).gateFunction(hard).rng(new Rng(5)).build(), 24, false));
    }

    private static List<Case> gruAndRnnCases() {
        GateFunction hard = GateFunction.HARD_SIGMOID_KERAS2;
        return List.of(
                new Case(() -> Gru.builder(24, 40).batchFirst(true).rng(new Rng(6)).build(), 24, true),
                new Case(() -> Gru.builder(24, 40).resetAfter(false).rng(new Rng(7)).build(), 24, false),
                new Case(() -> Gru.builder(24, 40).gateFunction(hard).rng(new Rng(8)).build(), 24, false),
                new Case(() -> Rnn.builder(600, 30).numLayers(2).bidirectional(true).rng(new Rng(9)).build(), 600,
                        false),
                new Case(() -> Rnn.builder(24, 30).nonlinearity(Nonlinearity.RELU).bias(false).rng(new Rng(10))
                        .build(), 24, false));
    }

    /**
     * The plain backward, its input gradient added up per table row, against the backward told to put the table's
     * gradient into an array of its own (with something already in it: it must add, not overwrite).
     */
    private static void checkTableGradient(Supplier<RecurrentNetwork> make, int inputSize, boolean batchFirst,
                                           int steps, int batch) {
        Rng rng = new Rng(31 * inputSize + steps);
        TableInput data = tableInput(rng, inputSize, batchFirst, steps, batch);
        int[] index = data.index();
        Tensor input = data.input();
        int[] lengths = data.lengths();
        float[] before = Tensor.randn(rng, V + 1, inputSize).data();

        RecurrentNetwork plainNet = make.get();
        List<float[]> plain = run(plainNet, input, lengths, null);
        float[] expected = before.clone();
        float[] dx = plain.get(2);
        for (int r = 0; r < index.length; r++) {
            for (int j = 0; j < inputSize; j++) expected[inputSize + index[r] * inputSize + j] += dx[r * inputSize + j];
        }

        RecurrentNetwork net = make.get();
        float[] gradient = before.clone();
        InputRows rows = new InputRows(data.table(), 0, V, index).withGradient(gradient, inputSize);
        RecurrentOutput out = net.forward(input, lengths, null, null, rows);
        fillGradients(net);
        RecurrentGradients g = net.backward(out, Tensor.randn(new Rng(99), out.output().shape()), null, null);
        assertNull(g.input(), "no input gradient when the table's is wanted");
        assertClose(expected, gradient, "table gradient");
        List<Parameter> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            assertClose(plain.get(3 + i), params.get(i).grad(), params.get(i).name());
        }
    }

    /** Gradients accumulate: start them from the same non-zero values in every network compared. */
    private static void fillGradients(RecurrentNetwork net) {
        Rng rng = new Rng(7);
        for (Parameter p : net.parameters()) {
            float[] g = p.grad();
            for (int i = 0; i < p.size(); i++) g[p.offset() + i] = rng.uniform(-1f, 1f);
        }
    }

    /** Equal to float rounding: the sums run in another order. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1e-30;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6 * scale, what + " [" + i + "]");
        }
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

    /**
     * The plain forward and backward against the one told about the input rows, on two copies of one network: with
     * lengths (the rows' projections copied into place before the time loop) and without (LSTM and RNN leave them
     * to the steps, which add the recurrent product to them as they go).
     */
    private static void check(Supplier<RecurrentNetwork> make, int inputSize, boolean batchFirst) {
        TableInput r = tableInput(new Rng(inputSize + (batchFirst ? 1 : 0)), inputSize, batchFirst, T, B);
        for (int[] lengths : new int[][] {r.lengths(), null}) {
            List<float[]> plain = run(make.get(), r.input(), lengths, null);
            List<float[]> told = run(make.get(), r.input(), lengths, new InputRows(r.table(), 0, V, r.index()));
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(plain.get(i), told.get(i), "result " + i + (lengths == null ? " without" : " with")
                        + " lengths");
            }
        }
    }

    /** An input whose rows are random rows of a random V-row table, and lengths that pack the batch. */
    private record TableInput(float[] table, int[] index, Tensor input, int[] lengths) {}

    private static TableInput tableInput(Rng rng, int inputSize, boolean batchFirst, int steps, int batch) {
        float[] table = Tensor.randn(rng, V, inputSize).data();
        int[] index = new int[steps * batch];
        float[] x = new float[steps * batch * inputSize];
        for (int r = 0; r < index.length; r++) {
            index[r] = rng.nextInt(V);
            System.arraycopy(table, index[r] * inputSize, x, r * inputSize, inputSize);
        }
        Tensor input = batchFirst ? new Tensor(x, batch, steps, inputSize) : new Tensor(x, steps, batch, inputSize);
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) lengths[b] = steps - (b * 5) % steps;
        return new TableInput(table, index, input, lengths);
    }

    private static List<float[]> run(RecurrentNetwork net, Tensor input, int[] lengths, InputRows rows) {
        RecurrentOutput out = net.forward(input, lengths, null, null, rows);
        fillGradients(net);
        RecurrentGradients g = net.backward(out, Tensor.randn(new Rng(99), out.output().shape()), null, null);
        List<float[]> results = new ArrayList<>(List.of(out.output().data(), out.hN().data(), g.input().data()));
        for (Parameter p : net.parameters()) results.add(p.grad().clone());
        return results;
    }
}
