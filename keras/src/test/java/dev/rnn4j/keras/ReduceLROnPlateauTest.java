package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Keras's ReduceLROnPlateau rules, epoch by epoch, and the callback in {@code fit}. */
class ReduceLROnPlateauTest {
    @Test
    void followsKerasRulesForCooldownMinDeltaAndTheFloor() {
        ReduceLROnPlateau rule = ReduceLROnPlateau.onValLoss(0.5, 2).withMinDelta(0.01).withCooldown(2).withMinLr(0.1);
        Sgd sgd = new Sgd(List.of(new Parameter("w", 1)), Sgd.Config.of(1.0));
        ReduceLROnPlateau.Watch watch = new ReduceLROnPlateau.Watch(rule);
        double[] values = {1.0, 0.995, 0.99, 0.98, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        List<Double> lrs = new ArrayList<>();
        for (double v : values) {
            watch.afterEpoch(v, sgd);
            lrs.add(sgd.lr());
        }
        // Worked by hand from Keras's on_epoch_end: 0.995 and 0.99 are within minDelta of 1.0, so the third epoch
        // halves the rate; the cooldown's first epoch does not count, its last (the counter reaching 0) does; 0.125
        // halves to the floor 0.1, which is then left alone (0.1 is not above min_lr as a float32).
        assertEquals(List.of(1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.1, 0.1, 0.1, 0.1,
                0.1), lrs);
    }

    @Test
    void fitReducesTheRateOnAPlateauAndNeedsValidationDataForValLoss() {
        FitTest.Task t = FitTest.Task.containsThree(64, 3);
        Sequential model = Sequential.of(new Embedding(10, 8), new SimpleRNN(8), new Dense(1, Activation.SIGMOID))
                .seed(4);
        model.compile(KerasOptimizers.sgd(1e-12), Loss.BINARY_CROSSENTROPY);   // too small to move the loss
        model.fit(t.x(), t.y(), FitConfig.defaults().withEpochs(7).withBatchSize(16).withValidationSplit(0.25)
                .withReduceLROnPlateau(ReduceLROnPlateau.onValLoss(0.5, 2).withMinDelta(1e-4)));
        // epoch 1 sets the best; 2 and 3 wait, 3 halves; 4 and 5 wait, 5 halves; 6 and 7 wait, 7 halves
        assertEquals(1e-12 / 8, model.optimizer().lr(), 1e-27);

        Sequential plain = Sequential.of(new Embedding(10, 8), new SimpleRNN(8), new Dense(1, Activation.SIGMOID));
        plain.compile(KerasOptimizers.sgd(0.01), Loss.BINARY_CROSSENTROPY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.fit(t.x(), t.y(),
                FitConfig.defaults().withReduceLROnPlateau(ReduceLROnPlateau.defaults())));
        assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReduceLROnPlateau.defaults().withFactor(1.0));
    }
}
