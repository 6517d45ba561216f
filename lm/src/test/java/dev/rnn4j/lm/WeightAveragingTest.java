package dev.rnn4j.lm;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.ExponentialMovingAverage;
import dev.rnn4j.text.CharCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@link TrainConfig#emaDecay()}: validation and checkpoints use a moving average; training itself is unchanged. */
class WeightAveragingTest {
    static final double DECAY = 0.9;

    static TrainConfig config(long steps, double ema) {
        return CharLmTrainerTest.config(steps).toBuilder().evalEvery(10).emaDecay(ema).build();
    }

    static float[] flat(CharLanguageModel m) {
        List<Parameter> ps = m.parameters();
        float[] out = new float[ps.stream().mapToInt(Parameter::size).sum()];
        int off = 0;
        for (Parameter p : ps) {
            System.arraycopy(p.data(), p.offset(), out, off, p.size());
            off += p.size();
        }
        return out;
    }

    /** What one checkpoint call saw: the model's weights, the snapshot's training weights, the last validation. */
    record Saved(long step, float[] model, float[] training, double validation) {}

    @Test
    void checkpointsHoldTheAverageOfTheUnchangedTrainingWeights() {
        CharCorpus corpus = CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0);
        int steps = 40;

        // without averaging: the weights after every step
        CharLanguageModel plain = CharLmTrainerTest.model(corpus, RecurrentKind.LSTM, 0.2f);
        List<float[]> trajectory = new ArrayList<>();
        trajectory.add(flat(plain));
        new CharLmTrainer(plain, corpus.train(), corpus.validation(), config(steps, 0))
                .run(new CharLmTrainer.Listener() {
                    @Override
                    public void onStep(CharLmTrainer.StepMetrics m) { trajectory.add(flat(plain)); }
                });

        CharLanguageModel averaged = CharLmTrainerTest.model(corpus, RecurrentKind.LSTM, 0.2f);
        List<Saved> saved = new ArrayList<>();
        List<Double> validations = new ArrayList<>();
        CharLmTrainer t = new CharLmTrainer(averaged, corpus.train(), corpus.validation(), config(steps, DECAY));
        t.run(new CharLmTrainer.Listener() {
            @Override
            public void onValidation(CharLmTrainer.ValidationMetrics m) { validations.add(m.valLoss()); }

            @Override
            public void onCheckpoint(TrainingSnapshot s, boolean best) {
                saved.add(new Saved(s.step(), flat(averaged), s.trainingWeights(), validations.getLast()));
            }
        });
        assertArrayEquals(flat(plain), flat(averaged), 0f, "averaging does not change what training does");
        assertEquals(List.of(10L, 20L, 30L, 40L), saved.stream().map(Saved::step).toList());

        ExponentialMovingAverage replay = new ExponentialMovingAverage(DECAY, trajectory.getFirst());
        for (int step = 1; step <= steps; step++) {
            replay.update(trajectory.get(step), step);
            if (step % 10 != 0) continue;
            Saved s = saved.get(step / 10 - 1);
            assertArrayEquals(trajectory.get(step), s.training(), 0f, "step " + step + ": the training weights");
            assertArrayEquals(replay.values(), s.model(), 0f, "step " + step + ": the model holds the average");
            assertFalse(java.util.Arrays.equals(s.model(), s.training()), "step " + step);
        }
        // the validation loss reported is the average's: the saved model scores it again
        CharLanguageModel check = CharLmTrainerTest.model(corpus, RecurrentKind.LSTM, 0.2f);
        float[] last = saved.getLast().model();
        int off = 0;
        for (Parameter p : check.parameters()) {
            System.arraycopy(last, off, p.data(), p.offset(), p.size());
            off += p.size();
        }
        double rescored = BatchGradients.local(check, corpus.train(), corpus.validation(), config(steps, DECAY))
                .validationLoss();
        assertEquals(saved.getLast().validation(), rescored, 0, "validation scored the averaged weights");
    }

    @Test
    void resumeFromFilesIsBitExactWithTheAverage(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0);
        TrainConfig c60 = config(60, DECAY), c30 = config(30, DECAY);
        Path straightRun = tmp.resolve("straight"), run = tmp.resolve("resumed");
        CharLanguageModel straight = CharLmTrainerTest.model(corpus, RecurrentKind.GRU, 0.2f);
        new CharLmTrainer(straight, corpus.train(), corpus.validation(), c60)
                .run(new CharLmTrainerTest.Saver(straightRun, straight, corpus, c60));

        CharLanguageModel first = CharLmTrainerTest.model(corpus, RecurrentKind.GRU, 0.2f);
        new CharLmTrainer(first, corpus.train(), corpus.validation(), c30)
                .run(new CharLmTrainerTest.Saver(run, first, corpus, c30));
        CharLmCheckpoint.Loaded loaded = CharLmCheckpoint.load(run);
        assertEquals(30, loaded.snapshot().step());
        assertEquals(DECAY, loaded.trainConfig().emaDecay(), 0, "the checkpoint keeps the averaging decay");
        CharLmTrainer resumed = new CharLmTrainer(loaded.model(), corpus.train(), corpus.validation(), c60);
        resumed.restore(loaded.snapshot());
        resumed.run(new CharLmTrainerTest.Saver(run, loaded.model(), corpus, c60));

        CharLmCheckpoint.Loaded a = CharLmCheckpoint.load(straightRun), b = CharLmCheckpoint.load(run);
        assertEquals(60, b.snapshot().step());
        assertArrayEquals(flat(a.model()), flat(b.model()), 0f, "the averaged weights");
        assertArrayEquals(a.snapshot().trainingWeights(), b.snapshot().trainingWeights(), 0f, "the training weights");
        assertArrayEquals(flat(straight), flat(loaded.model()), 0f, "the weights training ended with");
    }

    @Test
    void aCheckpointAndATrainConfigThatDisagreeOnAveragingAreRefused(@TempDir Path tmp) {
        CharCorpus corpus = CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0);
        TrainConfig plainConfig = config(10, 0), averagedConfig = config(10, DECAY);
        CharLanguageModel m = CharLmTrainerTest.model(corpus, RecurrentKind.LSTM, 0f);
        new CharLmTrainer(m, corpus.train(), corpus.validation(), plainConfig)
                .run(new CharLmTrainerTest.Saver(tmp.resolve("plain"), m, corpus, plainConfig));
        CharLanguageModel n = CharLmTrainerTest.model(corpus, RecurrentKind.LSTM, 0f);
        new CharLmTrainer(n, corpus.train(), corpus.validation(), averagedConfig)
                .run(new CharLmTrainerTest.Saver(tmp.resolve("averaged"), n, corpus, averagedConfig));

        CharLmCheckpoint.Loaded plain = CharLmCheckpoint.load(tmp.resolve("plain"));
        CharLmCheckpoint.Loaded averaged = CharLmCheckpoint.load(tmp.resolve("averaged"));
        assertNull(plain.snapshot().trainingWeights());
        assertEquals(0, plain.trainConfig().emaDecay(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharLmTrainer(plain.model(), corpus.train(), corpus.validation(), averagedConfig)
                        .restore(plain.snapshot()));
        assertTrue(e.getMessage().contains("no training weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CharLmTrainer(averaged.model(), corpus.train(), corpus.validation(), plainConfig)
                        .restore(averaged.snapshot()));
        assertTrue(e.getMessage().contains("averages its weights"), e.getMessage());

        CharLmTrainer outside = new CharLmTrainer(n, corpus.train(), corpus.validation(), averagedConfig);
        IllegalStateException s = assertThrows(IllegalStateException.class, outside::snapshot);
        assertTrue(s.getMessage().contains("onCheckpoint"), s.getMessage());
    }
}
