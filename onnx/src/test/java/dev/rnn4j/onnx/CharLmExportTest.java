package dev.rnn4j.onnx;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;
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
 * A character LM exported to ONNX: onnxruntime's logits and final states equal the model's own from the same
 * state, and streaming (two halves, hn/cn fed back as h0/c0) equals running the whole sequence at once.
 */
class CharLmExportTest {
    static final int V = 7, B = 2, T = 8;

    static Stream<Arguments> models() {
        List<Arguments> all = new ArrayList<>();
        for (RecurrentKind kind : RecurrentKind.values()) {
            for (int layers = 1; layers <= 2; layers++) {
                all.add(Arguments.of(kind + " layers=" + layers, new CharLmConfig(kind, V, 6, layers, 0.2f, 3)));
            }
        }
        CharLmConfig lstm = new CharLmConfig(RecurrentKind.LSTM, V, 6, 2, 0f, 3);
        all.add(Arguments.of("LSTM layers=2 embedding 4 proj_size 3 (a Scan)",
                lstm.withEmbeddingSize(4).withProjSize(3)));
        all.add(Arguments.of("GRU layers=2 embedding 9", new CharLmConfig(RecurrentKind.GRU, V, 6, 2, 0f, 3)
                .withEmbeddingSize(9)));
        all.add(Arguments.of("RNN relu layers=2 embedding 5", new CharLmConfig(RecurrentKind.RNN, V, 6, 2, 0f, 3)
                .withEmbeddingSize(5).withNonlinearity(Nonlinearity.RELU)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsAndStatesEqualTheModel(String name, CharLmConfig config) {
        CharLanguageModel model = new CharLanguageModel(config);
        model.train(false);
        Rng rng = new Rng(5);
        int[] tokens = randomTokens(rng, B * T);
        RecurrentState start = randomState(model, rng);
        RecurrentState state = new RecurrentState(start.h().copy(), start.c() == null ? null : start.c().copy());
        Tensor expected = new Tensor(model.logits(tokens, B, T, state), B, T, V);

        try (Ort ort = new Ort(OnnxExport.charLm(model))) {
            Map<String, Tensor> whole = run(ort, tokens, 0, T, start.h(), start.c());
            double err = Math.max(Ort.maxError(expected, whole.get("logits")),
                    Ort.maxError(state.h(), whole.get("hn")));
            if (state.c() != null) err = Math.max(err, Ort.maxError(state.c(), whole.get("cn")));

            // streaming: the first 3 steps, then the other 5 from the states the first run returned
            Map<String, Tensor> first = run(ort, tokens, 0, 3, start.h(), start.c());
            Map<String, Tensor> second = run(ort, tokens, 3, T, first.get("hn"), first.get("cn"));
            Tensor streamed = concatSteps(first.get("logits"), second.get("logits"));
            double streamErr = Math.max(Ort.maxError(whole.get("logits"), streamed),
                    Ort.maxError(whole.get("hn"), second.get("hn")));
            if (state.c() != null) streamErr = Math.max(streamErr, Ort.maxError(whole.get("cn"), second.get("cn")));
            System.out.printf("ONNX char LM %s: max abs error %.2e, streamed vs whole %.2e%n", name, err, streamErr);
            assertTrue(err <= Ort.TOLERANCE, name + ": max abs error " + err);
            assertTrue(streamErr <= Ort.TOLERANCE, name + ": streamed vs whole " + streamErr);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void namesTheInputsAndOutputs(String name, CharLmConfig config) {
        OnnxModel m = OnnxExport.charLm(new CharLanguageModel(config));
        boolean lstm = config.cell() == RecurrentKind.LSTM;
        assertEquals(lstm ? List.of("tokens", "h0", "c0") : List.of("tokens", "h0"), m.inputNames());
        assertEquals(lstm ? List.of("logits", "hn", "cn") : List.of("logits", "hn"), m.outputNames());
    }

    private static Map<String, Tensor> run(Ort ort, int[] tokens, int from, int to, Tensor h0, Tensor c0) {
        long[] ids = new long[B * (to - from)];
        for (int b = 0; b < B; b++) for (int t = from; t < to; t++) ids[b * (to - from) + t - from] = tokens[b * T + t];
        ort.longs("tokens", ids, B, to - from).floats("h0", h0);
        if (c0 != null) ort.floats("c0", c0);
        return ort.run();
    }

    /** (B, T1, V) and (B, T2, V) → (B, T1+T2, V). */
    private static Tensor concatSteps(Tensor a, Tensor b) {
        int t1 = a.size(1), t2 = b.size(1);
        float[] v = new float[B * (t1 + t2) * V];
        for (int r = 0; r < B; r++) {
            System.arraycopy(a.data(), r * t1 * V, v, r * (t1 + t2) * V, t1 * V);
            System.arraycopy(b.data(), r * t2 * V, v, (r * (t1 + t2) + t1) * V, t2 * V);
        }
        return new Tensor(v, B, t1 + t2, V);
    }

    private static int[] randomTokens(Rng rng, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = rng.nextInt(V);
        return t;
    }

    /** A non-zero starting state, so h0/c0 are shown to be used. */
    private static RecurrentState randomState(CharLanguageModel model, Rng rng) {
        RecurrentState zero = model.zeroState(B);
        Tensor c = zero.c() == null ? null : Tensor.randn(rng, zero.c().shape());
        return new RecurrentState(Tensor.randn(rng, zero.h().shape()), c);
    }
}
