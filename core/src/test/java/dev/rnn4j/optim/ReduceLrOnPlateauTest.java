package dev.rnn4j.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The scheduler's state through a checkpoint, and its arguments; its decisions are PyTorch's (golden cases). */
class ReduceLrOnPlateauTest {
    private static final double[] METRICS = {1.0, 0.9, 0.9, 0.95, 0.9, 0.91, 0.8, 0.8, 0.8, 0.8, 0.79, 0.8, 0.8, 0.8};

    private static ReduceLrOnPlateau.Config config() {
        return ReduceLrOnPlateau.Config.defaults().withFactor(0.5).withPatience(1).withCooldown(1);
    }

    private static List<Double> lrs(ReduceLrOnPlateau p, int from, int to) {
        List<Double> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            p.step(METRICS[i]);
            out.add(p.lr());
        }
        return out;
    }

    @Test
    void aRestoredStateGoesOnAsTheSchedulerWouldHave() {
        List<Double> straight = lrs(new ReduceLrOnPlateau(0.1, config()), 0, METRICS.length);
        assertTrue(straight.getLast() < 0.1 / 4, "the sequence reduces the rate at least three times: " + straight);
        for (int cut = 1; cut < METRICS.length; cut++) {
            ReduceLrOnPlateau before = new ReduceLrOnPlateau(0.1, config());
            List<Double> got = lrs(before, 0, cut);
            ReduceLrOnPlateau after = new ReduceLrOnPlateau(0.1, config());
            after.restore(before.state());
            got.addAll(lrs(after, cut, METRICS.length));
            assertEquals(straight, got, "cut after metric " + cut);
        }
    }

    @Test
    void argumentsOutsidePyTorchsRangesAreRefused() {
        ReduceLrOnPlateau.Config d = ReduceLrOnPlateau.Config.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withFactor(1.0));
        assertThrows(IllegalArgumentException.class, () -> d.withPatience(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withMinLr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLrOnPlateau(-1, d));
        assertThrows(IllegalArgumentException.class,
                () -> new ReduceLrOnPlateau(0.1, d).restore(new ReduceLrOnPlateau.State(0.1, 1, -1, 0)));
    }
}
