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
}
