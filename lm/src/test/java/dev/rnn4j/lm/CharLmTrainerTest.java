package dev.rnn4j.lm;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CharLmTrainerTest {
    static final String TEXT = ("First Citizen:\nBefore we proceed any further, hear me speak.\n\n"
            + "All:\nSpeak, speak.\n\nFirst Citizen:\nYou are all resolved rather to die than to famish?\n").repeat(12);

    static TrainConfig config(long maxSteps) {
        return new TrainConfig(4, 12, "adam", 5e-3, 0.9, 1, 1.0, 0, maxSteps, Duration.ZERO, 0.1, 25, 0, 3);
    }

    static CharLanguageModel model(CharCorpus corpus, RecurrentKind kind, float dropout) {
        return new CharLanguageModel(new CharLmConfig(kind, corpus.vocabulary().size(), 16, 2, dropout, 11));
    }

    static List<float[]> weights(CharLanguageModel m) {
        List<float[]> w = new ArrayList<>();
        for (Parameter p : m.parameters()) w.add(p.value().data());
        return w;
    }

    @Test
    void dropoutAlsoDropsTheTopLayerOutputSoItActsWithOneLayer() {
        int[] x = {0, 1, 2, 3, 4, 0, 1, 2}, y = {1, 2, 3, 4, 0, 1, 2, 3};
        CharLanguageModel dropped = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, 5, 8, 1, 0.5f, 3));
        double first = dropped.trainingStep(x, y, 2, 4, dropped.zeroState(2));
        double second = dropped.trainingStep(x, y, 2, 4, dropped.zeroState(2));
        assertNotEquals(first, second, "each training step draws a fresh mask on the top layer's output");
        dropped.train(false);
        double evaluated = dropped.loss(x, y, 2, 4, dropped.zeroState(2));
        assertEquals(evaluated, dropped.loss(x, y, 2, 4, dropped.zeroState(2)), "evaluation is the identity");

        CharLanguageModel plain = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, 5, 8, 1, 0f, 3));
        double a = plain.trainingStep(x, y, 2, 4, plain.zeroState(2));
        assertEquals(a, plain.trainingStep(x, y, 2, 4, plain.zeroState(2)));
        assertEquals(evaluated, a, 1e-6, "the same weights without dropout give the evaluation loss");
    }

    /** Collects the checkpoints a run asks for, written through real files. */
    static class Saver implements CharLmTrainer.Listener {
        final Path dir;
        final CharLanguageModel model;
        final CharCorpus corpus;
        final TrainConfig config;
        final List<Double> losses = new ArrayList<>();

        Saver(Path dir, CharLanguageModel model, CharCorpus corpus, TrainConfig config) {
            this.dir = dir;
            this.model = model;
            this.corpus = corpus;
            this.config = config;
        }

        @Override
        public void onStep(CharLmTrainer.StepMetrics m) { losses.add(m.loss()); }

        @Override
        public void onCheckpoint(TrainingSnapshot s, boolean best) {
            CharLmCheckpoint.save(dir, model, corpus.vocabulary(), config, s, "test", best);
        }
    }

    @Test
    void lossFallsOnARepeatedText() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.LSTM, 0f);
        CharLmTrainer t = new CharLmTrainer(m, corpus.train(), corpus.validation(), config(150));
        double before = t.validationLoss();
        t.run(new CharLmTrainer.Listener() {});
        double after = t.validationLoss();
        assertTrue(after < before - 0.5, "validation loss " + before + " -> " + after);
    }

    @Test
    void resumeFromFilesIsBitExact(@TempDir Path tmp) {
        for (RecurrentKind kind : RecurrentKind.values()) {
            CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
            float dropout = kind == RecurrentKind.LSTM ? 0.2f : 0f;   // dropout's random stream must resume too
            CharLanguageModel straight = model(corpus, kind, dropout);
            TrainConfig c200 = config(200);
            new CharLmTrainer(straight, corpus.train(), corpus.validation(), c200).run(new CharLmTrainer.Listener() {});

            Path run = tmp.resolve(kind.name());
            CharLanguageModel first = model(corpus, kind, dropout);
            TrainConfig c100 = config(100);
            new CharLmTrainer(first, corpus.train(), corpus.validation(), c100)
                    .run(new Saver(run, first, corpus, c100));

            CharLmCheckpoint.Loaded loaded = CharLmCheckpoint.load(run);
            assertEquals(100, loaded.snapshot().step());
            CharLmTrainer resumed = new CharLmTrainer(loaded.model(), corpus.train(), corpus.validation(), c200);
            resumed.restore(loaded.snapshot());
            resumed.run(new CharLmTrainer.Listener() {});

            List<float[]> a = weights(straight), b = weights(loaded.model());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), 0f, kind + " parameter " + straight.parameters().get(i).name());
            }
        }
    }

    /**
     * A learning rate far below a weight's last bit leaves the weights as they are, so every validation after the
     * first brings the same loss, no lower: early stopping's plateau, exactly.
     */
    static TrainConfig plateau(long maxSteps, int patience) {
        return new TrainConfig(4, 12, "adam", 1e-12, 1.0, 1, 1.0, 0, maxSteps, Duration.ZERO, 0.1, 5, 0, 3)
                .withPatience(patience);
    }

    @Test
    void earlyStoppingStopsAfterPatienceValidationsWithoutALowerLoss() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        List<Boolean> bests = new ArrayList<>();
        CharLmTrainer t = new CharLmTrainer(model(corpus, RecurrentKind.LSTM, 0f), corpus.train(),
                corpus.validation(), plateau(200, 2));
        CharLmTrainer.StopReason reason = t.run(new CharLmTrainer.Listener() {
            @Override
            public void onValidation(CharLmTrainer.ValidationMetrics m) { bests.add(m.best()); }
        });
        assertEquals(CharLmTrainer.StopReason.NO_IMPROVEMENT, reason);
        assertEquals(15, t.step(), "validations at 5 (the best), 10 and 15 (none lower): stop after the second");
        assertEquals(List.of(true, false, false), bests);

        CharLmTrainer off = new CharLmTrainer(model(corpus, RecurrentKind.LSTM, 0f), corpus.train(),
                corpus.validation(), plateau(40, 0));
        assertEquals(CharLmTrainer.StopReason.MAX_STEPS, off.run(new CharLmTrainer.Listener() {}), "0 = off");
        assertEquals(40, off.step());
    }

    @Test
    void earlyStoppingCountsTheSameValidationsAcrossAResume(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLmTrainer straight = new CharLmTrainer(model(corpus, RecurrentKind.GRU, 0f), corpus.train(),
                corpus.validation(), plateau(200, 3));
        assertEquals(CharLmTrainer.StopReason.NO_IMPROVEMENT, straight.run(new CharLmTrainer.Listener() {}));
        assertEquals(20, straight.step());

        // stopped at 12: validations at 5 and 10 on the schedule, and one more of the last steps that is not
        CharLanguageModel first = model(corpus, RecurrentKind.GRU, 0f);
        TrainConfig c12 = plateau(12, 3);
        new CharLmTrainer(first, corpus.train(), corpus.validation(), c12).run(new Saver(tmp, first, corpus, c12));
        CharLmCheckpoint.Loaded loaded = CharLmCheckpoint.load(tmp);
        assertEquals(1, loaded.snapshot().patience().validationsSinceBest());
        assertEquals(3, loaded.trainConfig().patience(), "the run's patience is part of its recipe");
        CharLmTrainer resumed = new CharLmTrainer(loaded.model(), corpus.train(), corpus.validation(),
                loaded.trainConfig().withLimits(0, 200, Duration.ZERO));
        resumed.restore(loaded.snapshot());
        assertEquals(CharLmTrainer.StopReason.NO_IMPROVEMENT, resumed.run(new CharLmTrainer.Listener() {}));
        assertEquals(20, resumed.step(), "stops where the straight run stops");
    }

    /** SGD at a rate that leaves the validation loss within ReduceLROnPlateau's threshold: a plateau at once. */
    static TrainConfig onAPlateau(long maxSteps) {
        return new TrainConfig(4, 12, "sgd", 1e-6, 0.5, 1, 1.0, 0, maxSteps, Duration.ZERO, 0.1, 5, 0, 3)
                .withSchedule(TrainConfig.Schedule.plateau(1e-7, 0, 1));
    }

    /** The rate of every step, as the listener sees it. */
    static final class Rates implements CharLmTrainer.Listener {
        final List<Double> lrs = new ArrayList<>();

        @Override
        public void onStep(CharLmTrainer.StepMetrics m) { lrs.add(m.lr()); }
    }

    @Test
    void aPlateauScheduleHalvesTheRateAndResumesExactly(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel straight = model(corpus, RecurrentKind.LSTM, 0f);
        Rates all = new Rates();
        new CharLmTrainer(straight, corpus.train(), corpus.validation(), onAPlateau(40)).run(all);
        // validations at 5 (the best), 10, 15, ...: with patience 1 the second bad one halves it, and so on to 1e-7
        assertEquals(1e-6, all.lrs.get(14), "steps 1-15 at --lr");
        assertEquals(5e-7, all.lrs.get(15), "halved after the validation at 15");
        assertEquals(2.5e-7, all.lrs.get(25), "again after 25");
        assertEquals(1.25e-7, all.lrs.get(35), "again after 35");

        CharLanguageModel first = model(corpus, RecurrentKind.LSTM, 0f);
        TrainConfig c17 = onAPlateau(17);
        Rates before = new Rates();
        new CharLmTrainer(first, corpus.train(), corpus.validation(), c17).run(new Saver(tmp, first, corpus, c17) {
            @Override
            public void onStep(CharLmTrainer.StepMetrics m) { before.onStep(m); }
        });
        CharLmCheckpoint.Loaded loaded = CharLmCheckpoint.load(tmp);
        assertEquals(5e-7, loaded.snapshot().plateau().lr(), "the rate rides in the checkpoint");
        CharLmTrainer resumed = new CharLmTrainer(loaded.model(), corpus.train(), corpus.validation(),
                loaded.trainConfig().withLimits(0, 40, Duration.ZERO));
        resumed.restore(loaded.snapshot());
        Rates after = new Rates();
        resumed.run(after);
        List<Double> joined = new ArrayList<>(before.lrs);
        joined.addAll(after.lrs);
        assertEquals(all.lrs, joined, "the same rate at every step across the resume");
        List<float[]> a = weights(straight), b = weights(loaded.model());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), 0f, "parameter " + i);
    }

    @Test
    void checkpointKeepsLatestAndBestAndIsLoadable(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.GRU, 0f);
        TrainConfig c = config(60);
        new CharLmTrainer(m, corpus.train(), corpus.validation(), c).run(new Saver(tmp, m, corpus, c));
        assertTrue(Files.isSymbolicLink(tmp.resolve("latest")));
        assertTrue(Files.isSymbolicLink(tmp.resolve("best")));
        assertTrue(Files.isRegularFile(tmp.resolve("latest/model.safetensors")));
        CharLmCheckpoint.Loaded l = CharLmCheckpoint.load(tmp.resolve("best"));
        assertEquals(corpus.vocabulary().size(), l.vocabulary().size());
        assertEquals(RecurrentKind.GRU, l.model().config().cell());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CharLmCheckpoint.load(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("no such checkpoint directory"), e.getMessage());
    }

    @Test
    void generationIsSeededAndPrimeIsChecked() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.LSTM, 0f);
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        new TextGenerator(m, corpus.vocabulary(), SamplingConfig.DEFAULT, 5)
                .generate("All", 40, (t, p) -> a.append(corpus.vocabulary().decode(t)));
        new TextGenerator(m, corpus.vocabulary(), SamplingConfig.DEFAULT, 5)
                .generate("All", 40, (t, p) -> b.append(corpus.vocabulary().decode(t)));
        assertEquals(a.toString(), b.toString());
        assertEquals(40, a.codePointCount(0, a.length()));
        assertThrows(IllegalArgumentException.class,
                () -> new TextGenerator(m, corpus.vocabulary(), SamplingConfig.DEFAULT, 5)
                .generate("Zebra", 5, (t, p) -> {}));
    }

    @Test
    void divergenceStopsBeforeTheBadUpdateAndNeverCheckpointsIt(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.RNN, 0f);
        // Plain SGD at 1e6 with no clipping: after the first update the loss is thousands of nats per character.
        TrainConfig c = new TrainConfig(4, 12, "sgd", 1e6, 1.0, 1, 0.0, 0, 50, Duration.ZERO, 0.1, 25, 1, 3);
        CharLmTrainer t = new CharLmTrainer(m, corpus.train(), corpus.validation(), c);
        Saver saver = new Saver(tmp, m, corpus, c);
        assertEquals(CharLmTrainer.StopReason.DIVERGED, t.run(saver));
        CharLmTrainer.Divergence d = t.divergence();
        assertEquals("training loss", d.quantity());
        assertTrue(d.value() > CharLmTrainer.EXPLODED_LOSS_FACTOR * Math.log(corpus.vocabulary().size()), d.toString());
        assertEquals(d.step() - 1, t.step(), "the step that diverged was not applied");
        assertEquals(t.step(), saver.losses.size());
        assertTrue(saver.losses.stream().allMatch(l -> l < 10), "every reported step was sane: " + saver.losses);
        CharLmCheckpoint.Loaded kept = CharLmCheckpoint.load(tmp);
        assertEquals(t.step(), kept.snapshot().step());
        assertEquals(CharLmTrainer.StopReason.DIVERGED, t.run(saver), "a diverged trainer stays stopped");
        assertEquals(kept.snapshot().step(), t.step());
    }

    @Test
    void aNaNLossStopsAtOnceWithNoCheckpoint(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.LSTM, 0f);
        Parameter head = m.stateDict().get("head.bias");
        head.data()[head.offset()] = Float.NaN;
        TrainConfig c = config(20).withIntervals(5, 1);
        CharLmTrainer t = new CharLmTrainer(m, corpus.train(), corpus.validation(), c);
        assertEquals(CharLmTrainer.StopReason.DIVERGED, t.run(new Saver(tmp, m, corpus, c)));
        assertEquals(new CharLmTrainer.Divergence(1, "training loss", Double.NaN), t.divergence());
        assertEquals(0, t.step());
        assertFalse(Files.exists(tmp.resolve("latest")), "nothing saved");
    }

    @Test
    void nonFiniteWeightsAreNeverWritten(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.GRU, 0f);
        Parameter p = m.parameters().get(1);
        p.data()[p.offset() + 3] = Float.POSITIVE_INFINITY;
        Path file = tmp.resolve(CharLmCheckpoint.MODEL_FILE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CharLmCheckpoint.writeModel(file, m, corpus.vocabulary(), "test"));
        assertTrue(e.getMessage().contains("gru." + p.name() + "[3] is Infinity"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void flippedBitsInACheckpointAreCaughtByItsChecksum(@TempDir Path tmp) throws Exception {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.LSTM, 0f);
        TrainConfig c = config(5);
        new CharLmTrainer(m, corpus.train(), corpus.validation(), c).run(new Saver(tmp, m, corpus, c));
        for (String name : List.of(CharLmCheckpoint.MODEL_FILE, CharLmCheckpoint.TRAINING_FILE)) {
            Path file = tmp.resolve("latest").resolve(name);
            byte[] good = Files.readAllBytes(file);
            byte[] bad = good.clone();
            bad[bad.length - 7] ^= 0x10;   // one bit of one float: still a well-formed safetensors file
            Files.write(file, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharLmCheckpoint.load(tmp));
            assertTrue(e.getMessage().contains(name + " is damaged (tensor data checksum"), e.getMessage());
            Files.write(file, good);
        }
        assertEquals(5, CharLmCheckpoint.load(tmp).snapshot().step());
    }

    @Test
    void aDamagedLatestPointsToTheBestCheckpoint(@TempDir Path tmp) throws Exception {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.GRU, 0f);
        CharLmTrainer first = new CharLmTrainer(m, corpus.train(), corpus.validation(), config(1));
        first.run(new CharLmTrainer.Listener() {});
        CharLmCheckpoint.save(tmp, m, corpus.vocabulary(), config(1), first.snapshot(), "test", true);
        CharLmTrainer second = new CharLmTrainer(m, corpus.train(), corpus.validation(), config(2));
        second.restore(first.snapshot());
        second.run(new CharLmTrainer.Listener() {});
        CharLmCheckpoint.save(tmp, m, corpus.vocabulary(), config(2), second.snapshot(), "test", false);

        Path latestModel = tmp.resolve("latest").resolve(CharLmCheckpoint.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(latestModel);
        Files.write(latestModel, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharLmCheckpoint.load(tmp));
        assertTrue(e.getMessage().contains("is damaged (truncated")
                && e.getMessage().contains("try the run's other checkpoint: " + tmp.toAbsolutePath().resolve("best")),
                e.getMessage());
        assertEquals(1, CharLmCheckpoint.load(tmp.resolve("best")).snapshot().step());
    }
}
