package dev.rnn4j.golden;

import dev.rnn4j.optim.ReduceLrOnPlateau;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden case of kind {@code reduce_lr_on_plateau}: PyTorch's learning rate after each of {@code metrics}, in the
 * case's {@code lrs}, for an SGD optimizer starting at {@code lr} (the rate PyTorch's scheduler sets on it): the
 * same doubles, exactly.
 */
public final class PlateauGoldenCheck {
    private PlateauGoldenCheck() {}

    public static void check(GoldenCase c) {
        ReduceLrOnPlateau.Config config = new ReduceLrOnPlateau.Config(
                ReduceLrOnPlateau.Mode.valueOf(c.string("mode").toUpperCase(Locale.ROOT)), c.number("factor"),
                c.integer("patience"), c.number("threshold"),
                ReduceLrOnPlateau.ThresholdMode.valueOf(c.string("threshold_mode").toUpperCase(Locale.ROOT)),
                c.integer("cooldown"), c.number("min_lr"), c.number("eps"));
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(c.number("lr"), config);
        float[] metrics = c.tensor("metrics").data();
        List<?> lrs = (List<?>) c.params().get("lrs");
        assertEquals(metrics.length, lrs.size(), c.name() + ": one lr per metric");
        for (int i = 0; i < metrics.length; i++) {
            plateau.step(metrics[i]);
            assertEquals(((Number) lrs.get(i)).doubleValue(), plateau.lr(), 0.0,
                    c.name() + ": lr after metric " + i + " (" + metrics[i] + ")");
        }
    }
}
