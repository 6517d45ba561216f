package dev.rnn4j.keras;

import dev.rnn4j.optim.Optimizer;

/**
 * Keras's {@code ReduceLROnPlateau} callback: when the monitored loss has not improved by more than
 * {@code minDelta} for {@code patience} epochs, the optimizer's learning rate is multiplied by {@code factor} (not
 * below {@code minLr}), then {@code cooldown} epochs pass before epochs without improvement count again. Keras's
 * rules, step for step: the cooldown counts down first, an epoch in it never counts, and a rate already at
 * {@code minLr} is left as it is.
 *
 * <pre>{@code
 * FitConfig.defaults().withEpochs(50).withValidationSplit(0.2)
 *         .withReduceLROnPlateau(ReduceLROnPlateau.onValLoss(0.2, 5).withMinLr(1e-3))
 *         .withEarlyStopping(EarlyStopping.onValLoss(10));
 * }</pre>
 *
 * (PyTorch's version, with its own rules, is {@link dev.rnn4j.optim.ReduceLrOnPlateau}.)
 *
 * @param monitor "val_loss" (needs validation data) or "loss"
 */
public record ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown,
                                double minLr) {
    public ReduceLROnPlateau {
        if (!monitor.equals("val_loss") && !monitor.equals("loss")) {
            throw new IllegalArgumentException("ReduceLROnPlateau monitor must be val_loss or loss, got '" + monitor
                    + "'");
        }
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1 (or < 0), got "
                    + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau patience and cooldown must be >= 0, got "
                    + patience + " and " + cooldown);
        }
        if (!(minDelta >= 0) || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau minDelta and minLr must be >= 0, got " + minDelta
                    + " and " + minLr);
        }
    }

    /** Keras's defaults: val_loss, factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0. */
    public static ReduceLROnPlateau defaults() { return new ReduceLROnPlateau("val_loss", 0.1, 10, 1e-4, 0, 0); }

    /** Monitor val_loss with this factor and patience, Keras's defaults otherwise. */
    public static ReduceLROnPlateau onValLoss(double factor, int patience) {
        return defaults().withFactor(factor).withPatience(patience);
    }

    public ReduceLROnPlateau withMonitor(String v) {
        return new ReduceLROnPlateau(v, factor, patience, minDelta, cooldown, minLr);
    }

    public ReduceLROnPlateau withFactor(double v) {
        return new ReduceLROnPlateau(monitor, v, patience, minDelta, cooldown, minLr);
    }

    public ReduceLROnPlateau withPatience(int v) {
        return new ReduceLROnPlateau(monitor, factor, v, minDelta, cooldown, minLr);
    }

    public ReduceLROnPlateau withMinDelta(double v) {
        return new ReduceLROnPlateau(monitor, factor, patience, v, cooldown, minLr);
    }

    public ReduceLROnPlateau withCooldown(int v) {
        return new ReduceLROnPlateau(monitor, factor, patience, minDelta, v, minLr);
    }

    public ReduceLROnPlateau withMinLr(double v) {
        return new ReduceLROnPlateau(monitor, factor, patience, minDelta, cooldown, v);
    }

    /** One fit's run of the callback: its best value, epochs waited and cooldown left. */
    static final class Watch {
        private final ReduceLROnPlateau rule;
        private double best = Double.POSITIVE_INFINITY;
        private int wait;
        private int cooldownLeft;

        Watch(ReduceLROnPlateau rule) { this.rule = rule; }

        /** Takes one epoch's monitored value; lowers {@code optimizer}'s rate when the plateau is long enough. */
        boolean afterEpoch(double value, Optimizer optimizer) {
            if (cooldownLeft > 0) {
                cooldownLeft--;
                wait = 0;
            }
            if (value < best - rule.minDelta()) {
                best = value;
                wait = 0;
                return false;
            }
            if (cooldownLeft > 0 || ++wait < rule.patience()) return false;
            double old = optimizer.lr();
            // Keras compares with min_lr as a float32, the type of its learning-rate variable
            if (!(old > (float) rule.minLr())) return false;
            optimizer.setLr(Math.max(old * rule.factor(), rule.minLr()));
            cooldownLeft = rule.cooldown();
            wait = 0;
            return true;
        }
    }
}
