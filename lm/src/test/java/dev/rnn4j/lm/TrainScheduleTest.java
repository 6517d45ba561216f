package dev.rnn4j.lm;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adagrad;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamW;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.optim.RmsProp;
import dev.rnn4j.optim.Sgd;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.CharCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.lm.CharLmTrainerTest.TEXT;
import static dev.rnn4j.lm.CharLmTrainerTest.config;
import static dev.rnn4j.lm.CharLmTrainerTest.model;
import static dev.rnn4j.lm.CharLmTrainerTest.weights;
import static org.junit.jupiter.api.Assertions.*;

/** Learning-rate schedules and weight decay in the character-model trainer, its checkpoints and its resume. */
class TrainScheduleTest {
    /** Records the learning rate of every step. */
    private static final class LrLog implements CharLmTrainer.Listener {
        final List<Double> lrs = new ArrayList<>();
        final List<Integer> epochs = new ArrayList<>();

        @Override
        public void onStep(CharLmTrainer.StepMetrics m) {
            lrs.add(m.lr());
            epochs.add(m.epoch());
        }
    }

    private static List<Double> lrs(CharCorpus corpus, TrainConfig c) {
        LrLog log = new LrLog();
        new CharLmTrainer(model(corpus, RecurrentKind.GRU, 0f), corpus.train(), corpus.validation(), c).run(log);
        return log.lrs;
    }

    @Test
    void cosineWithWarmupFollowsItsClosedFormStepByStep() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        double lr = 5e-3, minLr = 1e-4;
        int total = 40, warmup = 6;
        List<Double> got = lrs(corpus,
                new TrainConfig(4, 12, "adam", lr, 1.0, 1, 1.0, 0, total, Duration.ZERO, 0.1, 25, 0, 3)
                        .withSchedule(TrainConfig.Schedule.cosine(minLr, warmup)));
        assertEquals(total, got.size());
        for (int t = 0; t < total; t++) {
            // PyTorch's CosineAnnealingLR(T_max=total, eta_min=minLr), scaled by (t+1)/warmup for t < warmup.
            double cosine = minLr + (lr - minLr) * (1 + Math.cos(Math.PI * t / total)) / 2;
            double expected = cosine * Math.min(1.0, (t + 1) / (double) warmup);
            assertEquals(expected, got.get(t), 1e-15, "lr at step " + t);
        }
        assertEquals(lr / warmup, got.getFirst(), 1e-18, "the first step already trains, at lr/warmup");
    }

    @Test
    void perEpochDecayMultipliesTheCosineAndTheDefaultIsCharRnnsStepDecay() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        TrainConfig step = config(80);   // lr 5e-3, x0.9 per epoch from epoch 1
        LrLog log = new LrLog();
        new CharLmTrainer(model(corpus, RecurrentKind.GRU, 0f), corpus.train(), corpus.validation(), step).run(log);
        for (int i = 0; i < log.lrs.size(); i++) {
            int epoch = log.epochs.get(i);
            double expected = epoch < 1 ? 5e-3 : 5e-3 * Math.pow(0.9, epoch);
            assertEquals(expected, log.lrs.get(i), 0.0, "char-rnn's decay, bit for bit, at step " + i);
        }
        assertTrue(log.epochs.getLast() >= 2, "the run crosses epochs: " + log.epochs.getLast());

        TrainConfig cosine = step.withSchedule(TrainConfig.Schedule.cosine(0, 0));
        LrLog c = new LrLog();
        new CharLmTrainer(model(corpus, RecurrentKind.GRU, 0f), corpus.train(), corpus.validation(), cosine).run(c);
        for (int t = 0; t < c.lrs.size(); t++) {
            int epoch = c.epochs.get(t);
            double expected = 5e-3 * (1 + Math.cos(Math.PI * t / 80)) / 2 * (epoch < 1 ? 1 : Math.pow(0.9, epoch));
            assertEquals(expected, c.lrs.get(t), 1e-15, "cosine times the epoch decay at step " + t);
        }
    }

    @Test
    void cosineLengthComesFromTheLimitsOnceAndNeedsOne() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        TrainConfig byEpochs = config(0).withLimits(3, 0, Duration.ZERO)
                .withSchedule(TrainConfig.Schedule.cosine(0, 0));
        CharLmTrainer t =
                new CharLmTrainer(model(corpus, RecurrentKind.GRU, 0f), corpus.train(), corpus.validation(), byEpochs);
        assertEquals(3L * t.batchesPerEpoch(), t.config().schedule().totalSteps());
        TrainConfig bySteps = byEpochs.withLimits(3, 50, Duration.ZERO);
        assertEquals(50, bySteps.withScheduleLength(t.batchesPerEpoch()).schedule().totalSteps(), "max steps wins");
        TrainConfig fixed = bySteps.withScheduleLength(t.batchesPerEpoch());
        assertEquals(50, fixed.withLimits(0, 500, Duration.ZERO).withScheduleLength(7).schedule().totalSteps(),
                "a resumed run with higher limits keeps the curve it started on");
        TrainConfig step = config(10);
        assertSame(step, step.withScheduleLength(7), "the step schedule has no length");

        TrainConfig byTime = config(0).withLimits(0, 0, Duration.ofMinutes(5))
                .withSchedule(TrainConfig.Schedule.cosine(0, 0));
        TrainConfig.Schedule timed = byTime.withScheduleLength(7).schedule();
        assertEquals(new TrainConfig.Schedule("cosine", 0, 0, 0, 300.0), timed, "a time limit alone: over the time");
        assertTrue(timed.isTimed());
        assertEquals(timed, byTime.withScheduleLength(7).withLimits(0, 0, Duration.ofHours(1)).withScheduleLength(7)
                .schedule(), "kept when a resumed run changes the limit");
        assertEquals(50, byTime.withLimits(0, 50, Duration.ofMinutes(5)).withScheduleLength(7).schedule().totalSteps(),
                "steps win over time");

        TrainConfig unbounded = config(0).withLimits(0, 0, Duration.ZERO)
                .withSchedule(TrainConfig.Schedule.cosine(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharLmTrainer(model(corpus, RecurrentKind.GRU, 0f), corpus.train(),
                        corpus.validation(), unbounded));
        assertTrue(e.getMessage().contains("needs the run's length"), e.getMessage());
    }

    @Test
    void aCosineOverTimeIsTheCosineAtTheFractionOfTheTimeUsed() {
        double[] clock = {0};
        LrSchedule s = new TrainConfig.Schedule("cosine", 1e-4, 10, 0, 200.0).perStep(0.01, () -> clock[0]);
        for (double seconds : new double[] {0, 13.7, 50, 100, 150, 199.9, 200, 250}) {
            clock[0] = seconds;
            double f = Math.min(1, seconds / 200);
            double cosine = 1e-4 + (0.01 - 1e-4) * (1 + Math.cos(Math.PI * f)) / 2;
            assertEquals(cosine, s.lr(500), 1e-15, seconds + " s, past the warm-up");
            assertEquals(cosine * 3 / 10, s.lr(2), 1e-15, seconds + " s, step 2 of a 10-step warm-up");
        }
        assertEquals(1e-4, s.lr(10_000), "past its end the minimum, at whichever step");
        TrainConfig.Schedule timed = new TrainConfig.Schedule("cosine", 0, 0, 0, 60.0);
        assertThrows(IllegalStateException.class, () -> timed.perStep(0.01), "it needs the clock");
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig.Schedule("cosine", 0, 0, 100, 60.0));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig.Schedule("cosine", 0, 0, 0, -1.0));
    }

    @Test
    void weightDecayReachesEveryOptimizer() {
        List<dev.rnn4j.nn.Parameter> ps = model(CharCorpus.of(TEXT, 0.1, 0), RecurrentKind.RNN, 0f).parameters();
        for (String name : Optimizers.NAMES) {
            Optimizer o = Optimizers.create(name, ps, 1e-3, 0.25);
            double wd = switch (o) {
                case Adam a -> a.config().weightDecay();
                case AdamW a -> a.config().weightDecay();
                case RmsProp r -> r.config().weightDecay();
                case Adagrad a -> a.config().weightDecay();
                case Sgd s -> s.config().weightDecay();
                default -> throw new AssertionError(o);
            };
            assertEquals(0.25, wd, name);
        }
        assertEquals(0.01, TrainConfig.defaults().withOptimizer("adamw").weightDecay(), "PyTorch's AdamW default");
        assertEquals(0.0, TrainConfig.defaults().withOptimizer("adamw").withOptimizer("sgd").weightDecay());
        assertEquals(0.0, TrainConfig.defaults().weightDecay());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withWeightDecay(-0.1));
    }

    @Test
    void weightDecayChangesTheTraining() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel plain = model(corpus, RecurrentKind.LSTM, 0f),
                decayed = model(corpus, RecurrentKind.LSTM, 0f);
        new CharLmTrainer(plain, corpus.train(), corpus.validation(), config(10)).run(new CharLmTrainer.Listener() {});
        new CharLmTrainer(decayed, corpus.train(), corpus.validation(), config(10).withWeightDecay(0.5))
                .run(new CharLmTrainer.Listener() {});
        double plainNorm = 0, decayedNorm = 0;
        List<float[]> a = weights(plain), b = weights(decayed);
        for (int i = 0; i < a.size(); i++) {
            for (float v : a.get(i)) plainNorm += v * v;
            for (float v : b.get(i)) decayedNorm += v * v;
        }
        // Adam's L2 term pulls every weight toward 0, so the weights end smaller.
        assertTrue(decayedNorm < plainNorm, "squared weight norm with decay " + decayedNorm + ", without " + plainNorm);
    }

    @Test
    void checkpointKeepsTheScheduleAndWeightDecay(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.GRU, 0f);
        TrainConfig c = config(5).withOptimizer("adamw").withWeightDecay(0.05)
                .withSchedule(new TrainConfig.Schedule("cosine", 1e-5, 3, 123));
        CharLmTrainer t = new CharLmTrainer(m, corpus.train(), corpus.validation(), c);
        t.run(new CharLmTrainer.Listener() {});
        CharLmCheckpoint.save(tmp, m, corpus.vocabulary(), t.config(), t.snapshot(), "test", true);
        assertEquals(c, CharLmCheckpoint.load(tmp).trainConfig());
    }

    @Test
    void aCheckpointFromBeforeSchedulesLoadsWithTheDefaults(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        CharLanguageModel m = model(corpus, RecurrentKind.GRU, 0f);
        TrainConfig c = config(3).withOptimizer("adamw");
        CharLmTrainer t = new CharLmTrainer(m, corpus.train(), corpus.validation(), c);
        t.run(new CharLmTrainer.Listener() {});
        CharLmCheckpoint.save(tmp, m, corpus.vocabulary(), c, t.snapshot(), "test", true);

        // Rewrite the training file's config as older versions wrote it, without the new keys.
        Path file = tmp.resolve("latest").resolve(CharLmCheckpoint.TRAINING_FILE);
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : f.names()) tensors.put(name, f.tensor(name));
        Map<String, String> meta = new LinkedHashMap<>(f.metadata());
        Map<String, Object> trainConfig = Json.parseObject(meta.get("train_config"));
        for (String key : List.of("lr_schedule", "min_lr", "warmup_steps", "schedule_total_steps", "weight_decay")) {
            assertNotNull(trainConfig.remove(key), key);
        }
        meta.put("train_config", Json.write(trainConfig));
        SafeTensors.write(file, tensors, meta);

        TrainConfig loaded = CharLmCheckpoint.load(tmp).trainConfig();
        assertEquals(TrainConfig.Schedule.STEP, loaded.schedule());
        assertEquals(0.01, loaded.weightDecay(), "AdamW's own default, as the old run trained with");
        assertEquals(c, loaded);
    }

    @Test
    void resumeWithCosineAndWarmupFromFilesIsBitExact(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        // Cosine over 120 steps after 15 warm-up steps, times the 0.9 per-epoch decay of config(): both parts resume.
        TrainConfig c = config(120).withSchedule(TrainConfig.Schedule.cosine(2e-4, 15)).withWeightDecay(0.01);
        CharLanguageModel straight = model(corpus, RecurrentKind.LSTM, 0.2f);
        new CharLmTrainer(straight, corpus.train(), corpus.validation(), c).run(new CharLmTrainer.Listener() {});

        // The first part is stopped as Ctrl-C stops it: the limits, and so the cosine's length, stay those of the run.
        CharLanguageModel first = model(corpus, RecurrentKind.LSTM, 0.2f);
        CharLmTrainer firstTrainer = new CharLmTrainer(first, corpus.train(), corpus.validation(), c);
        firstTrainer.run(new CharLmTrainerTest.Saver(tmp, first, corpus, firstTrainer.config()) {
            @Override
            public boolean stopRequested() { return losses.size() >= 55; }
        });

        CharLmCheckpoint.Loaded loaded = CharLmCheckpoint.load(tmp);
        assertEquals(55, loaded.snapshot().step());
        assertEquals(120, loaded.trainConfig().schedule().totalSteps());
        CharLmTrainer resumed =
                new CharLmTrainer(loaded.model(), corpus.train(), corpus.validation(), loaded.trainConfig());
        resumed.restore(loaded.snapshot());
        resumed.run(new CharLmTrainer.Listener() {});
        assertEquals(120, resumed.step());

        List<float[]> a = weights(straight), b = weights(loaded.model());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0f, "parameter " + straight.parameters().get(i).name());
        }
    }
}
