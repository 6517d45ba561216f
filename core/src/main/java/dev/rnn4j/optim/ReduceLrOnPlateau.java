package dev.rnn4j.optim;

/**
 * PyTorch's {@code ReduceLROnPlateau}: after each evaluation, the learning rate is multiplied by
 * {@code factor} (never below {@code minLr}) once the metric has failed to improve for more than {@code patience}
 * evaluations in a row, then {@code cooldown} evaluations pass before bad ones count again. "Improve" is beyond a
 * threshold, relative ({@code loss < best·(1 − threshold)}) or absolute ({@code loss < best − threshold}), for a
 * metric to minimise or to maximise. The same decisions and learning rates as PyTorch for any sequence of metrics
 * (golden cases), NaN included (never an improvement).
 *
 * <pre>{@code
 * ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(optimizer.lr(), ReduceLrOnPlateau.Config.defaults()
 *         .withFactor(0.5).withPatience(2));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(...);
 *     if (plateau.step(validationLoss())) optimizer.setLr(plateau.lr());   // halved after 3 epochs, none lower
 * }
 * }</pre>
 *
 * It keeps the rate it drives itself, so it also serves as a training loop's schedule ({@code step -> plateau.lr()}).
 * {@link #state()} and {@link #restore} carry it through a checkpoint, as PyTorch's {@code state_dict}.
 */
public final class ReduceLrOnPlateau {
    /** Whether a lower ({@code MIN}, a loss) or a higher ({@code MAX}, an accuracy) metric is better. */
    public enum Mode { MIN, MAX }

    /** {@code REL}: better by a fraction {@code threshold} of the best; {@code ABS}: by {@code threshold} itself. */
    public enum ThresholdMode { REL, ABS }

    /**
     * PyTorch's arguments, with its defaults in {@link #defaults()}: {@code mode='min', factor=0.1, patience=10,
     * threshold=1e-4, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8}. A reduction smaller than {@code eps}
     * is skipped.
     */
    public record Config(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                         int cooldown, double minLr, double eps) {
        public Config {
            if (mode == null || thresholdMode == null) throw new IllegalArgumentException("modes must not be null");
            if (!(factor >= 0 && factor < 1)) {
                throw new IllegalArgumentException("factor must be in [0, 1) (the rate is multiplied by it), got "
                        + factor);
            }
            if (patience < 0 || cooldown < 0) {
                throw new IllegalArgumentException("patience and cooldown must be >= 0, got " + patience + " and "
                        + cooldown);
            }
            if (!(threshold >= 0) || !(minLr >= 0) || !(eps >= 0) || Double.isInfinite(threshold)
                    || Double.isInfinite(minLr) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("threshold, min lr and eps must be finite numbers >= 0, got "
                        + threshold + ", " + minLr + " and " + eps);
            }
        }

        public static Config defaults() {
            return new Config(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
        }

        public Config withMode(Mode v) {
            return new Config(v, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Config withFactor(double v) {
            return new Config(mode, v, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Config withPatience(int v) {
            return new Config(mode, factor, v, threshold, thresholdMode, cooldown, minLr, eps);
        }

        public Config withThreshold(double v, ThresholdMode m) {
            return new Config(mode, factor, patience, v, m, cooldown, minLr, eps);
        }

        public Config withCooldown(int v) {
            return new Config(mode, factor, patience, threshold, thresholdMode, v, minLr, eps);
        }

        public Config withMinLr(double v) {
            return new Config(mode, factor, patience, threshold, thresholdMode, cooldown, v, eps);
        }
    }

    /**
     * Where the scheduler stands: the learning rate, the best metric so far (the worst possible before the first),
     * the evaluations since it that count as bad, and the evaluations of cooldown left.
     */
    public record State(double lr, double best, int badEvaluations, int cooldownLeft) {}

    private final Config config;
    private double lr;
    private double best;
    private int badEvaluations;
    private int cooldownLeft;

    /** Starting at the learning rate {@code lr}. */
    public ReduceLrOnPlateau(double lr, Config config) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        requireRate(lr);
        this.lr = lr;
        this.config = config;
        this.best = config.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    public Config config() { return config; }

    /** The learning rate now. */
    public double lr() { return lr; }

    /**
     * Takes one evaluation's metric (PyTorch's {@code scheduler.step(metric)}) and reduces the learning rate if the
     * plateau has lasted long enough; returns whether it did.
     */
    public boolean step(double metric) {
        if (improves(metric)) {
            best = metric;
            badEvaluations = 0;
        } else {
            badEvaluations++;
        }
        if (cooldownLeft > 0) {            // bad evaluations in a cooldown do not count
            cooldownLeft--;
            badEvaluations = 0;
        }
        if (badEvaluations <= config.patience()) return false;
        cooldownLeft = config.cooldown();
        badEvaluations = 0;
        double reduced = Math.max(lr * config.factor(), config.minLr());
        if (lr - reduced <= config.eps()) return false;   // already at (or within eps of) the floor
        lr = reduced;
        return true;
    }

    /** Whether {@code metric} beats the best by the threshold, in the config's direction; NaN never does. */
    private boolean improves(double metric) {
        double t = config.threshold();
        boolean rel = config.thresholdMode() == ThresholdMode.REL;
        return config.mode() == Mode.MIN
                ? metric < (rel ? best * (1 - t) : best - t)
                : metric > (rel ? best * (1 + t) : best + t);
    }

    public State state() { return new State(lr, best, badEvaluations, cooldownLeft); }

    /** Continues from {@link #state()} of a scheduler with the same config. */
    public void restore(State s) {
        if (s.badEvaluations() < 0 || s.cooldownLeft() < 0) {
            throw new IllegalArgumentException("a plateau state's counts must be >= 0, got " + s);
        }
        requireRate(s.lr());
        lr = s.lr();
        best = s.best();
        badEvaluations = s.badEvaluations();
        cooldownLeft = s.cooldownLeft();
    }

    private static void requireRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + lr);
        }
    }
}
