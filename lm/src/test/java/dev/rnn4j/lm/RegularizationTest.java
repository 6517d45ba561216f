package dev.rnn4j.lm;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.CharCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.lm.CharLmConfig.DropoutMode.LOCKED;
import static dev.rnn4j.lm.CharLmConfig.DropoutMode.STANDARD;
import static dev.rnn4j.lm.CharLmTrainerTest.TEXT;
import static dev.rnn4j.lm.CharLmTrainerTest.config;
import static dev.rnn4j.lm.CharLmTrainerTest.weights;
import static org.junit.jupiter.api.Assertions.*;

/** Weight tying, locked dropout and weight drop: what their masks are, checkpoints, exact resume. */
class RegularizationTest {
    static final int[] X = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1}, Y = {1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2};

    static CharLmConfig lstm(int hidden, float dropout, CharLmConfig.Regularization r) {
        return new CharLmConfig(RecurrentKind.LSTM, 5, hidden, hidden, 2, 0, Nonlinearity.TANH, dropout, 3)
                .withRegularization(r);
    }

    @Test
    void tiedHeadIsTheEmbeddingAndIsListedOnce() {
        CharLanguageModel m = new CharLanguageModel(lstm(8, 0f, new CharLmConfig.Regularization(true, STANDARD, 0)));
        Map<String, Parameter> dict = m.stateDict();
        assertSame(dict.get("embedding.weight"), dict.get("head.weight"));
        assertEquals(1, m.parameters().stream().filter(p -> p == dict.get("embedding.weight")).count());
        assertEquals(dict.size() - 1, m.parameters().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm(8, 0f, CharLmConfig.Regularization.NONE).withEmbeddingSize(6)
                        .withRegularization(new CharLmConfig.Regularization(true, STANDARD, 0)));
        assertTrue(e.getMessage().contains("embedding size 6, output size 8"), e.getMessage());
    }

    @Test
    void lockedMasksAreTheSameAtEveryTimeStep() {
        int batch = 3, steps = 4, h = 8;
        CharLanguageModel m = new CharLanguageModel(lstm(h, 0.5f, new CharLmConfig.Regularization(false, LOCKED, 0)));
        m.trainingStep(X, Y, batch, steps, m.zeroState(batch));
        float[] between = m.lastOutput.dropoutMask(0), top = m.lastOutputMask;
        assertEquals(batch * h, between.length, "one multiplier per stream and feature between the layers");
        assertEquals(batch * h, top.length, "and before the head");
        assertTrue(countZeros(between) > 0 && countZeros(between) < between.length, "a real mask");

        // That these [B, F] masks act at every step is RegularizationGradCheckTest's "locked" cases: their reference
        // applies each at all T steps and meets the fast step's loss and gradients.
        CharLanguageModel standard = new CharLanguageModel(lstm(h, 0.5f, CharLmConfig.Regularization.NONE));
        standard.trainingStep(X, Y, batch, steps, standard.zeroState(batch));
        assertEquals(batch * steps * h, standard.lastOutputMask.length, "standard: one per element");
        assertEquals(batch * steps * h, standard.lastOutput.dropoutMask(0).length);
    }

    @Test
    void weightDropMasksAboutPOfTheRecurrentWeightsAndEvaluatesWithAllOfThem() {
        float p = 0.3f;
        CharLmConfig config = lstm(32, 0f, new CharLmConfig.Regularization(false, STANDARD, p));
        CharLanguageModel m = new CharLanguageModel(config);
        CharLanguageModel plain = new CharLanguageModel(lstm(32, 0f, CharLmConfig.Regularization.NONE));
        List<float[]> before = weights(m);
        m.trainingStep(X, Y, 2, 6, m.zeroState(2));
        List<float[]> after = weights(m);
        for (int i = 0; i < before.size(); i++) assertArrayEquals(before.get(i), after.get(i), 0f, "full weights back");
        for (int l = 0; l < 2; l++) {
            float[] mask = m.weightDropMask(l);
            assertEquals(4 * 32 * 32, mask.length);
            double fraction = countZeros(mask) / (double) mask.length;
            assertEquals(p, fraction, 0.03, "layer " + l + " drops about P of weight_hh");   // ±4 sd at n = 4096
            for (float v : mask) assertTrue(v == 0f || v == 1f / (1f - p), "kept weights are scaled by 1/(1-P)");
            Parameter w = m.stateDict().get("lstm.weight_hh_l" + l);
            float[] g = w.gradient().data();
            for (int i = 0; i < g.length; i++) if (mask[i] == 0f) assertEquals(0f, g[i], "a dropped weight: no grad");
        }
        m.train(false);
        plain.train(false);
        assertEquals(plain.loss(X, Y, 2, 6, plain.zeroState(2)), m.loss(X, Y, 2, 6, m.zeroState(2)), 0.0,
                "evaluation uses the full weights: the same as the model without weight drop");
        m.train(true);
        double first = m.trainingStep(X, Y, 2, 6, m.zeroState(2));
        assertNotEquals(first, m.trainingStep(X, Y, 2, 6, m.zeroState(2)), "a fresh mask every batch");
    }

    @Test
    void resumeWithEveryOptionIsExact(@TempDir Path tmp) {
        CharLmConfig.Regularization all = new CharLmConfig.Regularization(true, LOCKED, 0.25f);
        CharLmConfig.Regularization dropOnly = new CharLmConfig.Regularization(false, STANDARD, 0.25f);
        for (RecurrentKind kind : RecurrentKind.values()) {
            CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
            CharLmConfig c = new CharLmConfig(kind, corpus.vocabulary().size(), 16, 2, 0.2f, 11)
                    .withRegularization(kind == RecurrentKind.LSTM ? all : dropOnly);
            CharLanguageModel straight = new CharLanguageModel(c);
            TrainConfig c120 = config(120);
            CharLmTrainerTest.Saver whole = new CharLmTrainerTest.Saver(tmp.resolve(kind + "-whole"), straight, corpus,
                    c120);
            new CharLmTrainer(straight, corpus.train(), corpus.validation(), c120).run(whole);

            Path run = tmp.resolve(kind.name());
            CharLanguageModel first = new CharLanguageModel(c);
            TrainConfig c60 = config(60);
            CharLmTrainerTest.Saver part1 = new CharLmTrainerTest.Saver(run, first, corpus, c60);
            new CharLmTrainer(first, corpus.train(), corpus.validation(), c60).run(part1);
            CharLmCheckpoint.Loaded loaded = CharLmCheckpoint.load(run);
            assertEquals(c, loaded.model().config(), "the checkpoint records the options");
            CharLmTrainer resumed = new CharLmTrainer(loaded.model(), corpus.train(), corpus.validation(), c120);
            resumed.restore(loaded.snapshot());
            CharLmTrainerTest.Saver part2 = new CharLmTrainerTest.Saver(tmp.resolve(kind + "-2"), loaded.model(),
                    corpus, c120);
            resumed.run(part2);

            List<Double> joined = new java.util.ArrayList<>(part1.losses);
            joined.addAll(part2.losses);
            assertEquals(whole.losses, joined, kind + ": the same loss at every step");
            List<float[]> a = weights(straight), b = weights(loaded.model());
            for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), 0f, kind + " parameter " + i);
        }
    }

    @Test
    void tiedCheckpointHoldsBothKeysAndRefusesThemDifferent(@TempDir Path tmp) {
        CharLmConfig c = lstm(8, 0f, new CharLmConfig.Regularization(true, STANDARD, 0f));
        CharLanguageModel m = new CharLanguageModel(c);
        Path file = tmp.resolve("a").resolve(CharLmCheckpoint.MODEL_FILE);
        file.getParent().toFile().mkdirs();
        CharLmCheckpoint.writeModel(file, m, dev.rnn4j.text.Vocabulary.fromCodePoints(new int[] {97, 98, 99, 100,
                101}), "test");
        SafeTensorsFile f = SafeTensors.read(file);
        assertArrayEquals(f.tensor("embedding.weight").data(), f.tensor("head.weight").data(), 0f);
        assertEquals(true, Json.parseObject(f.metadata().get("config")).get("tie_weights"));
        CharLanguageModel loaded = CharLmCheckpoint.loadModel(file.getParent()).model();
        assertEquals(c, loaded.config());
        assertSame(loaded.stateDict().get("embedding.weight"), loaded.stateDict().get("head.weight"));

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : f.names()) tensors.put(name, f.tensor(name));
        tensors.get("head.weight").data()[3] += 1f;
        Map<String, String> meta = new LinkedHashMap<>(f.metadata());
        meta.remove("data_crc32");   // not a damaged file: a consistent one whose two tensors differ
        SafeTensors.write(file, tensors, meta);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CharLmCheckpoint.loadModel(file.getParent()));
        assertTrue(e.getMessage().contains("embedding.weight and head.weight differ at element 3"), e.getMessage());
    }

    @Test
    void checkpointsWithoutTheNewFieldsLoadWithTheOptionsOff(@TempDir Path tmp) {
        CharLanguageModel m = new CharLanguageModel(lstm(8, 0.1f, CharLmConfig.Regularization.NONE));
        Path file = tmp.resolve(CharLmCheckpoint.MODEL_FILE);
        CharLmCheckpoint.writeModel(file, m, dev.rnn4j.text.Vocabulary.fromCodePoints(new int[] {97, 98, 99, 100,
                101}), "test");
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, Object> config = new LinkedHashMap<>(Json.parseObject(f.metadata().get("config")));
        for (String key : new String[] {"tie_weights", "dropout_mode", "weight_drop"}) {
            assertNotNull(config.remove(key), key + " is written");
        }
        Map<String, String> meta = new LinkedHashMap<>(f.metadata());
        meta.put("config", Json.write(config));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : f.names()) tensors.put(name, f.tensor(name));
        SafeTensors.write(file, tensors, meta);
        CharLmConfig loaded = CharLmCheckpoint.loadModel(tmp).model().config();
        assertEquals(CharLmConfig.Regularization.NONE, loaded.regularization());
        assertEquals(m.config(), loaded);
    }

    private static int countZeros(float[] a) {
        int n = 0;
        for (float v : a) if (v == 0f) n++;
        return n;
    }
}
