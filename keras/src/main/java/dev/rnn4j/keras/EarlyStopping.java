package dev.rnn4j.keras;

/**
 * Keras's {@code EarlyStopping}: stop when the monitored loss has not improved by more than
 * {@code minDelta} for {@code patience} epochs in a row; with {@code restoreBestWeights} the weights of
 * the best epoch are put back when training ends.
 *
 * <pre>{@code
 * FitConfig.defaults().withValidationSplit(0.2)
 *         .withEarlyStopping(EarlyStopping.onValLoss(2).withRestoreBestWeights(true));
 * }</pre>
 *
 * @param monitor "val_loss" (needs validation data) or "loss"
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
    public EarlyStopping {
        if (!monitor.equals("val_loss") && !monitor.equals("loss")) {
            throw new IllegalArgumentException("EarlyStopping monitor must be val_loss or loss, got '" + monitor + "'");
        }
        if (patience < 0) throw new IllegalArgumentException("EarlyStopping patience must be >= 0, got " + patience);
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping minDelta must be >= 0, got " + minDelta);
        }
    }

    /** Monitor val_loss with this patience, minDelta 0, without restoring weights (Keras's defaults). */
    public static EarlyStopping onValLoss(int patience) { return new EarlyStopping("val_loss", patience, 0, false); }

    public EarlyStopping withRestoreBestWeights(boolean v) { return new EarlyStopping(monitor, patience, minDelta, v); }

    public EarlyStopping withMinDelta(double v) { return new EarlyStopping(monitor, patience, v, restoreBestWeights); }

    public EarlyStopping withMonitor(String v) { return new EarlyStopping(v, patience, minDelta, restoreBestWeights); }
}
