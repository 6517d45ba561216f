package dev.rnn4j.train;

import dev.rnn4j.nn.Call;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Sgd;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {
    /** Fits y = 2x − 1 with a Linear(1, 1) through the contract; loss is the mean squared error. */
    private static final class LineFit {
        final Linear lin = new Linear(1, 1, true, new Rng(1));
        final Sgd sgd = new Sgd(lin.parameters(), Sgd.Config.of(0.1));
        final List<Tensor> batches = new ArrayList<>();

        LineFit() {
            Rng rng = new Rng(2);
            for (int b = 0; b < 4; b++) batches.add(Tensor.randn(rng, 8, 1));
        }

        double step(Tensor x) {
            Call c = lin.call(x);
            float[] y = c.output().data(), dy = new float[y.length];
            double loss = 0;
            for (int i = 0; i < y.length; i++) {
                double err = y[i] - (2 * x.data()[i] - 1);
                loss += err * err / y.length;
                dy[i] = (float) (2 * err / y.length);
            }
            c.backward(new Tensor(dy, c.output().shape()));
            return loss;
        }
    }

    @Test
    void lossFallsAndEveryStepIsReported() {
        LineFit fit = new LineFit();
        List<Trainer.Step> seen = new ArrayList<>();
        List<Integer> epochsEnded = new ArrayList<>();
        Trainer.Outcome o = new Trainer<Tensor>(fit.sgd, new Trainer.Config(5, 0, 0, null, null)).train(
                epoch -> fit.batches, fit::step, new Trainer.Listener() {
                    @Override public boolean afterStep(Trainer.Step s) { return seen.add(s); }
                    @Override public boolean afterEpoch(int epoch) { return epochsEnded.add(epoch); }
                });
        assertEquals(Trainer.Stop.EPOCHS_DONE, o.stop());
        assertEquals(20, o.steps());
        assertEquals(20, seen.size());
        assertEquals(List.of(1, 2, 3, 4, 5), epochsEnded);
        assertEquals(1.0, seen.getLast().fractionDone(), 1e-12);
        assertTrue(o.lastLoss() < seen.getFirst().loss() / 10,
                "loss " + seen.getFirst().loss() + " -> " + o.lastLoss());
        assertEquals(20, fit.sgd.stepCount());
    }

    @Test
    void limitsStopTraining() {
        LineFit fit = new LineFit();
        Trainer.Outcome steps = new Trainer<Tensor>(fit.sgd, new Trainer.Config(5, 6, 0, null, null))
                .train(e -> fit.batches, fit::step, s -> true);
        assertEquals(new Trainer.Outcome(2, 6, steps.lastLoss(), Trainer.Stop.STEP_LIMIT), steps);

        long[] calls = {0};
        Trainer.Outcome time = new Trainer<Tensor>(fit.sgd, new Trainer.Config(5, 0, 0, null, () -> ++calls[0] >= 3))
                .train(e -> fit.batches, fit::step, s -> true);
        assertEquals(Trainer.Stop.TIME_LIMIT, time.stop());
        assertEquals(3, time.steps());

        Trainer.Outcome listener = new Trainer<Tensor>(fit.sgd, new Trainer.Config(5, 0, 0, null, null))
                .train(e -> fit.batches, fit::step, s -> s.step() < 2);
        assertEquals(Trainer.Stop.LISTENER, listener.stop());
        assertEquals(2, listener.steps());
    }

    @Test
    void scheduleSetsEachStepsRateAndClipBoundsTheGradient() {
        LineFit fit = new LineFit();
        List<Double> rates = new ArrayList<>();
        new Trainer<Tensor>(fit.sgd, new Trainer.Config(1, 0, 1e-3, LrSchedule.stepDecay(0.1, 0.5, 1, 1), null))
                .train(e -> fit.batches, x -> {
                    double loss = fit.step(x);
                    rates.add(fit.sgd.lr());
                    return loss;
                }, s -> {
                    double norm = 0;
                    for (var p : fit.lin.parameters()) {
                        for (int i = 0; i < p.size(); i++) norm += p.grad()[p.offset() + i] * p.grad()[p.offset() + i];
                    }
                    assertTrue(Math.sqrt(norm) <= 1e-3 * 1.0001, "clipped norm " + Math.sqrt(norm));
                    return true;
                });
        // The rate read during a step is the previous step's; the schedule sets 0.1, 0.05, 0.025, 0.0125.
        assertEquals(0.0125, fit.sgd.lr(), 1e-12);
        assertEquals(List.of(0.1, 0.1, 0.05, 0.025), rates);
    }

    @Test
    void divergenceStopsWithAClearMessage() {
        LineFit fit = new LineFit();
        Trainer<Tensor> trainer = new Trainer<>(fit.sgd, new Trainer.Config(3, 0, 0, null, null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainer.train(ep -> fit.batches,
                        x -> fit.sgd.stepCount() == 5 ? Double.NaN : fit.step(x), s -> true));
        assertTrue(e.getMessage().contains("loss is NaN at step 6 (epoch 2, batch 2 of 4)"), e.getMessage());
        assertEquals(5, fit.sgd.stepCount(), "no step is taken on a diverged loss");
        assertThrows(IllegalArgumentException.class, () -> new Trainer.Config(0, 0, 0, null, null));
    }

    @Test
    void aRunContinuedFromItsPositionEqualsOneStraightRun() {
        LineFit straight = new LineFit();
        List<Long> straightSteps = new ArrayList<>();
        Trainer.Config config = new Trainer.Config(3, 0, 0, null, null);
        new Trainer<Tensor>(straight.sgd, config).train(e -> straight.batches, straight::step,
                s -> straightSteps.add(s.step()));

        // Stop after 6 steps (epoch 2, 2 of its 4 batches done), then continue in a new trainer from there.
        LineFit split = new LineFit();
        List<Long> splitSteps = new ArrayList<>();
        Trainer.Outcome first = new Trainer<Tensor>(split.sgd, new Trainer.Config(3, 6, 0, null, null))
                .train(e -> split.batches, split::step, s -> splitSteps.add(s.step()));
        assertEquals(new Trainer.Outcome(2, 6, first.lastLoss(), Trainer.Stop.STEP_LIMIT), first);
        List<Integer> epochsEnded = new ArrayList<>();
        Trainer.Outcome rest = new Trainer<Tensor>(split.sgd, config).from(new Trainer.Position(2, 2, 6))
                .train(e -> split.batches, split::step, new Trainer.Listener() {
                    @Override public boolean afterStep(Trainer.Step s) { return splitSteps.add(s.step()); }
                    @Override public boolean afterEpoch(int epoch) { return epochsEnded.add(epoch); }
                });
        assertEquals(12, rest.steps());
        assertEquals(straightSteps, splitSteps);
        assertEquals(List.of(2, 3), epochsEnded);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(straight.lin.parameters().get(i).value().data(),
                    split.lin.parameters().get(i).value().data(), 0f);
        }

        // A position at an epoch's end runs no batch of it: straight to afterEpoch.
        List<Integer> ended = new ArrayList<>();
        new Trainer<Tensor>(new LineFit().sgd, new Trainer.Config(2, 0, 0, null, null))
                .from(new Trainer.Position(2, 4, 8)).train(e -> fit4(), x -> 0.0, new Trainer.Listener() {
                    @Override public boolean afterStep(Trainer.Step s) { return fail("no step is left"); }
                    @Override public boolean afterEpoch(int epoch) { return ended.add(epoch); }
                });
        assertEquals(List.of(2), ended);
    }

    private static List<Tensor> fit4() { return new LineFit().batches; }

    @Test
    void epochFactorScalesTheScheduleAndAGuardStopsBeforeTheUpdate() {
        LineFit fit = new LineFit();
        List<Double> rates = new ArrayList<>();
        new Trainer<Tensor>(fit.sgd, new Trainer.Config(3, 0, 0, LrSchedule.constant(0.1), null))
                .epochFactor(LrSchedule.stepDecay(1, 0.5, 1, 1))
                .train(e -> fit.batches.subList(0, 2), fit::step, s -> rates.add(s.lr()));
        assertEquals(List.of(0.1, 0.1, 0.05, 0.05, 0.025, 0.025), rates, "schedule(step) x factor(epoch - 1)");

        LineFit guarded = new LineFit();
        List<Double> norms = new ArrayList<>();
        Trainer.Outcome o = new Trainer<Tensor>(guarded.sgd, new Trainer.Config(3, 0, 0, null, null))
                .guard((step, loss, norm) -> step == 3 ? new Trainer.Divergence(step, "test", norm) : null)
                .train(e -> guarded.batches, guarded::step, s -> norms.add(s.gradNorm()));
        assertEquals(Trainer.Stop.DIVERGED, o.stop());
        assertEquals(2, o.steps());
        assertEquals(2, guarded.sgd.stepCount(), "the guarded step is not taken");
        assertEquals(3, o.divergence().step());
        assertTrue(norms.stream().allMatch(n -> n > 0 && Double.isFinite(n)), "the norm is measured: " + norms);

        // A guard also takes the place of the exception on a NaN loss.
        LineFit nan = new LineFit();
        Trainer.Outcome stopped = new Trainer<Tensor>(nan.sgd, new Trainer.Config(1, 0, 0, null, null))
                .guard((step, loss, norm) -> Double.isNaN(loss) ? new Trainer.Divergence(step, "loss", loss) : null)
                .train(e -> nan.batches, x -> Double.NaN, s -> true);
        assertEquals(new Trainer.Divergence(1, "loss", Double.NaN), stopped.divergence());
        assertEquals(0, nan.sgd.stepCount());
    }
}
