package dev.rnn4j.optim;

/**
 * A learning rate as a pure function of the step (or epoch) number, starting at 0; the training loop
 * calls {@code optimizer.setLr(schedule.lr(step))} before each step, so resuming needs only the step.
 *
 * <pre>{@code
 * LrSchedule s = LrSchedule.cosine(3e-3, 3e-5, 10_000).withWarmup(200);
 * LrSchedule charRnn = LrSchedule.stepDecay(2e-3, 0.97, 1, 10);   // ×0.97 every epoch from epoch 10
 * }</pre>
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate at {@code step} (≥ 0). */
    double lr(long step);

    static LrSchedule constant(double lr) {
        requireFinite("lr", lr);
        return step -> lr;
    }

    /**
     * {@code lr · factor^k}, k the number of decay points {@code start, start+every, start+2·every, …}
     * reached by {@code step}. This is char-rnn's "decay after epoch {@code start}" with every = 1, and
     * PyTorch's {@code StepLR(step_size=s, gamma)} with {@code every = start = s}.
     */
    static LrSchedule stepDecay(double lr, double factor, long every, long start) {
        requireFinite("lr", lr);
        requireFinite("factor", factor);
        if (every <= 0) throw new IllegalArgumentException("stepDecay every must be positive, got " + every);
        if (start < 0) throw new IllegalArgumentException("stepDecay start must be >= 0, got " + start);
        return step -> step < start ? lr : lr * Math.pow(factor, (step - start) / every + 1);
    }

    /**
     * Cosine annealing from {@code lr} at step 0 to {@code minLr} at {@code totalSteps}, PyTorch's
     * {@code CosineAnnealingLR(T_max=totalSteps, eta_min=minLr)} closed form
     * {@code minLr + (lr − minLr)(1 + cos(π·t/T))/2}; after {@code totalSteps} it stays at
     * {@code minLr} (PyTorch's would rise again along the cosine).
     */
    static LrSchedule cosine(double lr, double minLr, long totalSteps) {
        requireFinite("lr", lr);
        requireFinite("minLr", minLr);
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("cosine totalSteps must be positive, got " + totalSteps);
        }
        return step -> cosineOfAngle(lr, minLr, Math.PI * Math.min(step, totalSteps) / totalSteps);
    }

    /**
     * The cosine's value a {@code fraction} of the way through (clamped to [0, 1]):
     * {@code minLr + (lr − minLr)(1 + cos(π·fraction))/2}, for a schedule measured in something other than steps
     * (training time). Requires what {@link #cosine} does of {@code lr} and {@code minLr}.
     */
    static double cosineAt(double lr, double minLr, double fraction) {
        requireFinite("lr", lr);
        requireFinite("minLr", minLr);
        return cosineOfAngle(lr, minLr, Math.PI * Math.max(0, Math.min(1, fraction)));
    }

    /** The one cosine formula, at an angle in [0, π]; callers form the angle as they always have (same bits). */
    private static double cosineOfAngle(double lr, double minLr, double angle) {
        return minLr + (lr - minLr) * (1 + Math.cos(angle)) / 2;
    }

    /**
     * This schedule scaled by a linear ramp {@code (step+1)/warmupSteps} during the first
     * {@code warmupSteps} steps (so step 0 already trains at {@code lr/warmupSteps}); unchanged after.
     * The wrapped schedule sees the same step numbers.
     */
    default LrSchedule withWarmup(long warmupSteps) {
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        LrSchedule inner = this;
        return step -> step < warmupSteps ? inner.lr(step) * (step + 1) / warmupSteps : inner.lr(step);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v) || v < 0) throw new IllegalArgumentException("learning-rate schedule " + name
                + " must be a finite number >= 0, got " + v);
    }
}
