package dev.rnn4j.lm;

import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.text.CharCorpus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pins what {@link CharLmTrainer} computes to char-rnn's recipe written out as a plain loop: per step zero the
 * gradients, accumulate batch {@code step mod batchesPerEpoch} from the carried state (reset at each epoch's
 * start), clip, set the rate {@code perStep(step) × perEpoch(epoch)}, step. Weights, losses and rates must be
 * the same bits, across epoch boundaries, with warm-up, cosine, per-epoch decay and dropout, and when the run
 * stops at an epoch's end and resumes.
 */
class CharLmTrainerReferenceTest {
    private static final int STEPS = 70;

    private static TrainConfig config(long maxSteps) {
        return TrainConfig.builder().batchSize(4).seqLength(12).optimizer("adamw").lr(5e-3).lrDecay(0.8)
                .lrDecayAfter(1).gradClip(0.5).maxSteps(maxSteps).timeLimit(Duration.ZERO).valFrac(0.1)
                .evalEvery(0).seed(3).schedule(new TrainConfig.Schedule("cosine", 1e-4, 5, STEPS)).build();
    }

    private static CharLanguageModel model(CharCorpus corpus) {
        return new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, corpus.vocabulary().size(), 16, 2, 0.2f, 11));
    }

    /** What the trainer reports of each step. */
    private record Seen(List<Double> losses, List<Double> rates, List<Double> norms) {
        Seen() { this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()); }
    }

    private static CharLmTrainer.Listener recording(Seen seen) {
        return new CharLmTrainer.Listener() {
            @Override
            public void onStep(CharLmTrainer.StepMetrics m) {
                seen.losses.add(m.loss());
                seen.rates.add(m.lr());
                seen.norms.add(m.gradNorm());
            }
        };
    }

    /** Char-rnn's loop, spelled out. */
    private static Seen reference(CharLanguageModel model, CharCorpus corpus, TrainConfig c) {
        BatchGradients gradients = BatchGradients.local(model, corpus.train(), corpus.validation(), c);
        int perEpochBatches = gradients.batchesPerEpoch();
        ParameterBuffer buffer = ParameterBuffer.of(model.parameters());
        Optimizer optimizer = Optimizers.create(c.optimizer(), model.parameters(), c.lr(), c.weightDecay());
        LrSchedule perStep = c.schedule().perStep(c.lr());
        LrSchedule perEpoch = LrSchedule.stepDecay(1, c.lrDecay(), 1, c.lrDecayAfter());
        RecurrentState state = model.zeroState(c.batchSize());
        model.train(true);
        Seen seen = new Seen();
        for (long step = 0; step < c.maxSteps(); step++) {
            int epoch = (int) (step / perEpochBatches), batch = (int) (step % perEpochBatches);
            if (batch == 0 && step > 0) state.reset();
            buffer.zeroGrad();
            double loss = gradients.accumulate(batch, state);
            double norm = GradClip.clipGradNorm(buffer, c.gradClip());
            optimizer.setLr(perStep.lr(step) * perEpoch.lr(epoch));
            optimizer.step();
            seen.losses.add(loss);
            seen.rates.add(optimizer.lr());
            seen.norms.add(norm);
        }
        return seen;
    }

    @Test
    void trainerComputesCharRnnsLoopBitForBit() {
        CharCorpus corpus = CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0);
        CharLanguageModel expected = model(corpus);
        Seen want = reference(expected, corpus, config(STEPS));

        CharLanguageModel trained = model(corpus);
        Seen got = new Seen();
        CharLmTrainer t = new CharLmTrainer(trained, corpus.train(), corpus.validation(), config(STEPS));
        assertTrue(STEPS > 2 * t.batchesPerEpoch(), "the run must cross epoch boundaries: " + t.batchesPerEpoch());
        assertEquals(CharLmTrainer.StopReason.MAX_STEPS, t.run(recording(got)));
        assertEquals(want, got);
        assertSameWeights(expected, trained);
    }

    @Test
    void aRunStoppedAtAnEpochsEndResumesBitForBit() {
        CharCorpus corpus = CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0);
        CharLanguageModel expected = model(corpus);
        Seen want = reference(expected, corpus, config(STEPS));

        CharLanguageModel trained = model(corpus);
        Seen got = new Seen();
        CharLmTrainer first = new CharLmTrainer(trained, corpus.train(), corpus.validation(), config(STEPS));
        int epochEnd = first.batchesPerEpoch();
        first = new CharLmTrainer(trained, corpus.train(), corpus.validation(), config(epochEnd));
        first.run(recording(got));
        TrainingSnapshot atEpochEnd = first.snapshot();
        assertEquals(epochEnd, atEpochEnd.batchIndex(), "stopped after the epoch's last batch, before its end");
        assertEquals(0, atEpochEnd.epoch());

        CharLmTrainer second = new CharLmTrainer(trained, corpus.train(), corpus.validation(), config(STEPS));
        second.restore(atEpochEnd);
        assertEquals(CharLmTrainer.StopReason.MAX_STEPS, second.run(recording(got)));
        assertEquals(want, got);
        assertSameWeights(expected, trained);
        assertEquals(STEPS / epochEnd, second.epoch());
    }

    private static void assertSameWeights(CharLanguageModel a, CharLanguageModel b) {
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value().data(), b.parameters().get(i).value().data(), 0f,
                    a.parameters().get(i).name());
        }
    }
}
