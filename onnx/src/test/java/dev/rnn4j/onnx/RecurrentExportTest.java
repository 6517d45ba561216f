package dev.rnn4j.onnx;

import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Gru;
import dev.rnn4j.nn.Lstm;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.nn.Rnn;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's Lstm / Gru / Rnn exported to ONNX and run by onnxruntime give the outputs and final states of
 * rnn4j's own forward: every kind, 1 and 2 layers, one and two directions, batch-first and time-major, full and
 * variable lengths, and LSTM with a projection (a Scan).
 */
class RecurrentExportTest {
    static final int I = 3, H = 5, B = 3, T = 6;

    record Case(String name, RecurrentKind kind, Nonlinearity act, int layers, boolean bidirectional, int projSize,
                boolean batchFirst, boolean lengths) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Arguments> cases() {
        List<Case> all = new ArrayList<>();
        String[] kinds = {"LSTM", "GRU", "RNN_TANH", "RNN_RELU", "LSTM_PROJ"};
        for (String k : kinds) {
            RecurrentKind kind = RecurrentKind.valueOf(k.startsWith("RNN") ? "RNN" : k.replace("_PROJ", ""));
            Nonlinearity act = k.equals("RNN_RELU") ? Nonlinearity.RELU : Nonlinearity.TANH;
            int proj = k.equals("LSTM_PROJ") ? 2 : 0;
            for (int layers = 1; layers <= 2; layers++) {
                for (boolean bi : new boolean[] {false, true}) {
                    for (boolean lengths : new boolean[] {false, true}) {
                        String name = k + " layers=" + layers + (bi ? " bidirectional" : "")
                                + (lengths ? " sequence_lens" : "");
                        all.add(new Case(name, kind, act, layers, bi, proj, true, lengths));
                    }
                }
            }
            all.add(new Case(k + " time-major", kind, act, 2, true, proj, false, true));
        }
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxruntimeEqualsForward(Case c) {
        check(c, I, H, B, T, c.lengths() ? new int[] {T, 2, 4} : null);
    }

    /**
     * Layers big enough that rnn4j splits their products and time loops over threads and register tiles, against
     * onnxruntime's own kernels at those sizes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mediumCases")
    void mediumLayersEqualForward(Case c) {
        int[] lengths = {9, 3, 7, 1, 9, 5, 8, 2, 6, 4, 9, 9, 3, 1, 7, 5, 2, 8, 6};
        check(c, 37, 53, lengths.length, 9, c.lengths() ? lengths : null);
    }

    static Stream<Case> mediumCases() {
        return Stream.of(
                new Case("medium LSTM_PROJ layers=2 bidirectional sequence_lens", RecurrentKind.LSTM, Nonlinearity.TANH,
                        2, true, 29, true, true),
                new Case("medium GRU layers=2 sequence_lens time-major", RecurrentKind.GRU, Nonlinearity.TANH, 2, false,
                        0, false, true),
                new Case("medium RNN_TANH layers=2 bidirectional", RecurrentKind.RNN, Nonlinearity.TANH, 2, true, 0,
                        true, false));
    }

    private static void check(Case c, int inputSize, int hidden, int batch, int steps, int[] lengths) {
        RecurrentNetwork net = RecurrentNetwork.create(new RecurrentConfig(c.kind(), inputSize, hidden, c.layers(),
                true, c.batchFirst(), 0f, c.bidirectional(), c.projSize(), c.act(), 7));
        net.train(false);
        Rng rng = new Rng(11);
        RecurrentConfig cfg = net.config();
        int LD = c.layers() * cfg.directions();
        Tensor x = Tensor.randn(rng, c.batchFirst() ? new int[] {batch, steps, inputSize}
                : new int[] {steps, batch, inputSize});
        Tensor h0 = Tensor.randn(rng, LD, batch, cfg.outputSize());
        Tensor c0 = c.kind() == RecurrentKind.LSTM ? Tensor.randn(rng, LD, batch, hidden) : null;
        RecurrentOutput expected = net.forward(x, lengths, h0, c0);

        OnnxModel model = OnnxExport.recurrent(net, c.lengths());
        try (Ort ort = new Ort(model)) {
            ort.floats("input", x).floats("h0", h0);
            if (c0 != null) ort.floats("c0", c0);
            if (lengths != null) ort.ints("sequence_lens", lengths, batch);
            Map<String, Tensor> out = ort.run();
            double err = Math.max(Ort.maxError(expected.output(), out.get("output")),
                    Ort.maxError(expected.hN(), out.get("hn")));
            if (c0 != null) err = Math.max(err, Ort.maxError(expected.cN(), out.get("cn")));
            System.out.printf("ONNX %s: max abs error %.2e (output max |y| %.3f)%n", c, err, maxAbs(expected.output()));
            assertTrue(err <= Ort.TOLERANCE, c + ": max abs error " + err);
        }
        assertEquals(c0 != null ? List.of("output", "hn", "cn") : List.of("output", "hn"), model.outputNames());
    }

    /** GRU with the reset gate before the product (linear_before_reset=0) and hard-sigmoid gates (Keras's). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasVariants")
    void kerasVariantsEqualForward(String name, RecurrentConfig config) {
        RecurrentNetwork net = RecurrentNetwork.create(config);
        net.train(false);
        Rng rng = new Rng(13);
        int LD = config.numLayers() * config.directions();
        Tensor x = Tensor.randn(rng, B, T, I), h0 = Tensor.randn(rng, LD, B, H);
        Tensor c0 = config.kind() == RecurrentKind.LSTM ? Tensor.randn(rng, LD, B, H) : null;
        int[] lengths = {T, 3, 5};
        RecurrentOutput expected = net.forward(x, lengths, h0, c0);
        try (Ort ort = new Ort(OnnxExport.recurrent(net, true))) {
            ort.floats("input", x).floats("h0", h0).ints("sequence_lens", lengths, B);
            if (c0 != null) ort.floats("c0", c0);
            Map<String, Tensor> out = ort.run();
            double err = Math.max(Ort.maxError(expected.output(), out.get("output")),
                    Ort.maxError(expected.hN(), out.get("hn")));
            if (c0 != null) err = Math.max(err, Ort.maxError(expected.cN(), out.get("cn")));
            System.out.printf("ONNX %s: max abs error %.2e%n", name, err);
            assertTrue(err <= Ort.TOLERANCE, name + ": max abs error " + err);
        }
    }

    static Stream<Arguments> kerasVariants() {
        List<Arguments> all = new ArrayList<>();
        for (GateFunction gates : GateFunction.values()) {
            for (RecurrentKind kind : new RecurrentKind[] {RecurrentKind.LSTM, RecurrentKind.GRU}) {
                boolean resetAfter = kind != RecurrentKind.GRU;       // a GRU here: the reset gate before the product
                all.add(Arguments.of(kind + (resetAfter ? "" : " reset_after=False") + " gates " + gates
                                + " layers=2 bidirectional sequence_lens",
                        new RecurrentConfig(kind, I, H, 2, true, true, 0f, true, 0, Nonlinearity.TANH, 5, resetAfter,
                                gates)));
            }
        }
        return all.stream();
    }

    static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.data()) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Builders and the config constructor give the same export (a smoke check of the public builders). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void builtLayersExport(String name, RecurrentNetwork net) {
        OnnxModel model = OnnxExport.recurrent(net, false);
        assertTrue(model.nodeCount() > 0);
        assertTrue(model.inputNames().containsAll(List.of("input", "h0")), name);
    }

    static Stream<Arguments> builders() {
        return Stream.of(Arguments.of("Lstm", Lstm.builder(2, 4).projSize(3).build()),
                Arguments.of("Gru", Gru.builder(2, 4).numLayers(2).build()),
                Arguments.of("Rnn", Rnn.builder(2, 4).nonlinearity(Nonlinearity.RELU).build()));
    }
}
