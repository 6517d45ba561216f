package dev.rnn4j.lm;

import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class InferenceModelTest {
    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Every cell, with layer 0's input table (V <= H) and without it (V > H). The same sums in another order
     * (one chain over k per output here, lane-wise partial sums in the training GEMM): float32 rounding,
     * carried through 12 steps of state, stays far below 1e-5 of the logits' size.
     */
    @Test
    void float32StepsFollowTheTrainingModelOneCharacterAtATime() {
        for (RecurrentKind kind : RecurrentKind.values()) {
            for (int[] vh : new int[][] {{11, 24}, {40, 24}}) {
                CharLanguageModel model = new CharLanguageModel(new CharLmConfig(kind, vh[0], vh[1], 2, 0f, 5));
                model.train(false);
                InferenceModel frozen = InferenceModel.of(model, WeightPrecision.FLOAT32);
                RecurrentState state = model.zeroState(1);
                InferenceModel.State s = frozen.newState(1);
                float[] logits = new float[vh[0]];
                Rng rng = new Rng(6);
                for (int t = 0; t < 12; t++) {
                    int token = rng.nextInt(vh[0]);
                    float[] expected = model.logits(new int[] {token}, 1, 1, state);
                    frozen.step(new int[] {token}, s, logits);
                    for (int i = 0; i < vh[0]; i++) {
                        assertEquals(expected[i], logits[i], 1e-5f * (1 + Math.abs(expected[i])),
                                kind + " V=" + vh[0] + " step " + t + " logit " + i);
                    }
                }
            }
        }
    }

    private static CharCorpus corpus() {
        return CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0);
    }

    /** Stream i of a batched run writes exactly what one stream with seed + i writes, for every precision. */
    @Test
    void eachStreamOfABatchIsTheSingleStreamOfItsSeed() {
        CharCorpus corpus = corpus();
        Vocabulary vocab = corpus.vocabulary();
        for (RecurrentKind kind : RecurrentKind.values()) {
            CharLanguageModel model = new CharLanguageModel(new CharLmConfig(kind, vocab.size(), 32, 2, 0f, 7));
            for (WeightPrecision p : WeightPrecision.values()) {
                SamplingConfig sampling = new SamplingConfig(0.9, 0, 1, false);
                int n = 3, length = 30;
                StringBuilder[] batched = new StringBuilder[n];
                for (int i = 0; i < n; i++) batched[i] = new StringBuilder();
                new TextGenerator(model, vocab, sampling, 100, p).generate("All:", length, n,
                        (stream, token) -> batched[stream].append(vocab.decode(token)));
                for (int i = 0; i < n; i++) {
                    StringBuilder alone = new StringBuilder();
                    new TextGenerator(model, vocab, sampling, 100 + i, p).generate("All:", length,
                            (token, probs) -> alone.append(vocab.decode(token)));
                    assertEquals(alone.toString(), batched[i].toString(), kind + " " + p + " stream " + i);
                    assertEquals(length, alone.codePointCount(0, alone.length()));
                }
                assertNotEquals(batched[0].toString(), batched[1].toString(), "streams draw from their own seeds");
            }
        }
    }

    /** The generator before batching: the training model, one character at a time, one Sampler. */
    @Test
    void singleStreamFloat32TextIsTheTrainingModelsText() {
        CharCorpus corpus = corpus();
        Vocabulary vocab = corpus.vocabulary();
        CharLanguageModel model = new CharLanguageModel(
                new CharLmConfig(RecurrentKind.LSTM, vocab.size(), 32, 2, 0f, 8));
        SamplingConfig sampling = new SamplingConfig(1.2, 0, 1, false);
        StringBuilder now = new StringBuilder();
        new TextGenerator(model, vocab, sampling, 3).generate("First", 60,
                (token, probs) -> now.append(vocab.decode(token)));

        model.train(false);
        RecurrentState state = model.zeroState(1);
        int[] prime = vocab.encode("First");
        float[] logits = model.logits(prime, 1, prime.length, state);
        int row = (prime.length - 1) * vocab.size();
        Sampler sampler = new Sampler(vocab.size(), sampling, new Rng(3));
        StringBuilder before = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            int token = sampler.next(logits, row);
            before.append(vocab.decode(token));
            logits = model.logits(new int[] {token}, 1, 1, state);
            row = 0;
        }
        assertEquals(before.toString(), now.toString());
    }

    @Test
    void batchedTextDoesNotDependOnTheThreadCount() {
        CharCorpus corpus = corpus();
        Vocabulary vocab = corpus.vocabulary();
        // wide enough that the products are split over the threads
        CharLanguageModel model = new CharLanguageModel(
                new CharLmConfig(RecurrentKind.LSTM, vocab.size(), 192, 1, 0f, 9));
        for (WeightPrecision p : WeightPrecision.values()) {
            String expected = null;
            for (int threads : new int[] {1, 2, 3}) {
                KernelPool.setThreads(threads);
                StringBuilder all = new StringBuilder();
                new TextGenerator(model, vocab, SamplingConfig.DEFAULT, 1, p).generate("", 30, 9,
                        (stream, token) -> all.append(stream).append(vocab.decode(token)));
                if (expected == null) expected = all.toString();
                else assertEquals(expected, all.toString(), p + " with " + threads + " threads");
            }
        }
    }

    /**
     * A model trained briefly (loss well below guessing) scores nearly the same with reduced weights: the
     * tolerance is the 0.5% relative; float32 through the frozen model differs only by rounding.
     */
    @Test
    void reducedWeightsCostLittleLoss() {
        CharCorpus corpus = corpus();
        int v = corpus.vocabulary().size();
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, v, 64, 2, 0f, 10));
        ParameterBuffer params = ParameterBuffer.of(model.parameters());
        Optimizer adam = new Adam(model.parameters(), AdamConfig.adam().withLr(1e-2));
        int[] tokens = corpus.train();
        int b = 8, t = 32;
        int[] x = new int[b * t], y = new int[b * t];
        Rng rng = new Rng(11);
        for (int step = 0; step < 60; step++) {
            for (int r = 0; r < b; r++) {
                int start = rng.nextInt(tokens.length - t - 1);
                for (int s = 0; s < t; s++) {
                    x[r * t + s] = tokens[start + s];
                    y[r * t + s] = tokens[start + s + 1];
                }
            }
            params.zeroGrad();
            model.trainingStep(x, y, b, t, model.zeroState(b));
            adam.step();
        }
        double float32 = Evaluation.meanLoss(model, tokens, 4, 50, () -> {});
        assertTrue(float32 < 0.7 * Math.log(v), "the model learnt something: " + float32);
        assertEquals(float32, Evaluation.meanLoss(InferenceModel.of(model, WeightPrecision.FLOAT32), tokens, 4, 50),
                1e-5 * float32);
        for (WeightPrecision p : new WeightPrecision[] {WeightPrecision.BF16, WeightPrecision.INT8}) {
            double reduced = Evaluation.meanLoss(InferenceModel.of(model, p), tokens, 4, 50);
            assertEquals(float32, reduced, 0.005 * float32, p.label());
            assertNotEquals(float32, reduced, p + " weights are not the float32 ones");
        }
    }

    @Test
    void bytesPerStepCountWhatAStepReads() {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, 65, 512, 2, 0f, 1));
        long recurrent = 3L * 4 * 512 * 512;     // W_hh of both layers and W_ih of layer 1 (layer 0's is a table row)
        long head = 65L * 512;
        assertEquals(4 * (recurrent + head + 4 * 512),
                InferenceModel.of(model, WeightPrecision.FLOAT32).weightBytesPerStep());
        assertEquals(recurrent + head + 4L * (3 * 2048 + 65) + 4 * 4 * 512,
                InferenceModel.of(model, WeightPrecision.INT8).weightBytesPerStep());
    }

    @Test
    void shapesWithoutAFastPathStepThroughTheModelItself() {
        // An imported model may have an embedding size of its own and an LSTM projection: float32 still works,
        // one product per step for all streams, and each stream gets the model's own logits (to rounding).
        CharLmConfig config = new CharLmConfig(RecurrentKind.LSTM, 7, 8, 2, 0f, 3).withProjSize(4).withEmbeddingSize(5);
        CharLanguageModel model = new CharLanguageModel(config);
        InferenceModel fast = InferenceModel.of(model, WeightPrecision.FLOAT32);
        InferenceModel.State both = fast.newState(2);
        float[] logits = new float[2 * 7];
        int[][] tokens = {{1, 4}, {2, 2}, {6, 0}};
        RecurrentState[] alone = {model.zeroState(1), model.zeroState(1)};
        for (int[] step : tokens) {
            fast.step(step, both, logits);
            for (int b = 0; b < 2; b++) {
                float[] expected = model.logits(new int[] {step[b]}, 1, 1, alone[b]);
                // Not bit for bit: the model's own products take another path for one row than for two.
                assertArrayEquals(expected, Arrays.copyOfRange(logits, b * 7, b * 7 + 7), 1e-5f, "stream " + b);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InferenceModel.of(model, WeightPrecision.INT8));
        assertTrue(e.getMessage().contains("use float32 weights"), e.getMessage());
    }
}
