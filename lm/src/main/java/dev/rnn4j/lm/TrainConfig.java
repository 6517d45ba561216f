package dev.rnn4j.lm;

import dev.rnn4j.optim.LrSchedule;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * How a character model is trained: char-rnn's knobs under PyTorch-style names.
 *
 * <pre>{@code
 * TrainConfig c = TrainConfig.defaults().withOptimizer("adagrad").withLr(0.1);
 * TrainConfig d = TrainConfig.builder().maxEpochs(30).timeLimit(Duration.ZERO)
 *         .schedule(TrainConfig.Schedule.cosine(0, 200)).optimizer("adamw").weightDecay(0.05).build();
 * }</pre>
 *
 * @param lrDecay        multiply the learning rate by this every epoch from epoch {@code lrDecayAfter} (1 = off),
 *                       on top of {@code schedule}
 * @param gradClip       clip the global gradient norm to this (0 = off)
 * @param maxEpochs      stop after this many passes over the training text (0 = no limit)
 * @param maxSteps       stop after this many optimizer steps (0 = no limit)
 * @param timeLimit      stop (and checkpoint) after this much wall time (zero = no limit)
 * @param evalEvery      validate every this many steps (0 = once per epoch)
 * @param checkpointEvery save every this many steps (0 = at each validation)
 * @param schedule       how the learning rate moves from step to step
 * @param weightDecay    the optimizer's weight decay (PyTorch's {@code weight_decay})
 * @param emaDecay       0, or the decay of an exponential moving average of the weights that validation,
 *                       checkpoints and everything loaded from them use ({@code ExponentialMovingAverage})
 * @param patience       stop once this many validations in a row bring no lower validation loss (early stopping,
 *                       as Keras's {@code EarlyStopping(patience=...)}; the best checkpoint stays); 0 = off
 */
public record TrainConfig(int batchSize, int seqLength, String optimizer, double lr, double lrDecay, int lrDecayAfter,
                          double gradClip, int maxEpochs, long maxSteps, Duration timeLimit, double valFrac,
                          int evalEvery, int checkpointEvery, long seed, Schedule schedule, double weightDecay,
                          double emaDecay, int patience) {
    public TrainConfig {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        if (seqLength <= 0) throw new IllegalArgumentException("sequence length must be positive, got " + seqLength);
        Optimizers.requireKnown(optimizer);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("lr decay must be in (0, 1], got " + lrDecay);
        }
        if (gradClip < 0) throw new IllegalArgumentException("grad clip must be >= 0 (0 = off), got " + gradClip);
        if (maxEpochs < 0 || maxSteps < 0) throw new IllegalArgumentException("max epochs and max steps must be >= 0");
        if (timeLimit == null || timeLimit.isNegative()) throw new IllegalArgumentException("time limit must be >= 0");
        if (!(valFrac > 0 && valFrac < 0.5)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 0.5), got " + valFrac);
        }
        if (evalEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("eval and checkpoint intervals must be >= 0");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null (Schedule.STEP is char-rnn's)");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("weight averaging decay must be in [0, 1) (0 = off), got " + emaDecay);
        }
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 = off), got " + patience);
        if (schedule.isPlateau() && lrDecay >= 1) {
            throw new IllegalArgumentException("a plateau schedule multiplies the rate by lr decay at each plateau, so "
                    + "it must be below 1, got " + lrDecay);
        }
    }

    /** Char-rnn's step schedule and the optimizer's own weight decay. */
    public TrainConfig(int batchSize, int seqLength, String optimizer, double lr, double lrDecay, int lrDecayAfter,
                       double gradClip, int maxEpochs, long maxSteps, Duration timeLimit, double valFrac,
                       int evalEvery, int checkpointEvery, long seed) {
        this(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps,
                timeLimit, valFrac, evalEvery, checkpointEvery, seed, Schedule.STEP,
                Optimizers.defaultWeightDecay(optimizer), 0, 0);
    }

    /**
     * The per-step shape of the learning rate; char-rnn's per-epoch {@code lrDecay} multiplies it.
     *
     * <pre>{@code
     * Schedule.STEP                  // constant lr (char-rnn)
     * Schedule.cosine(1e-5, 200)     // 200 warm-up steps, then cosine down to 1e-5 over the run's steps
     * }</pre>
     *
     * @param name        "step" (constant between char-rnn's per-epoch decays), "cosine" (PyTorch's
     *                    CosineAnnealingLR) or "plateau" (PyTorch's ReduceLROnPlateau on the validation loss, the rate
     *                    times {@link TrainConfig#lrDecay()} at each plateau)
     * @param minLr       where cosine ends ({@code eta_min}), or the floor of plateau's reductions ({@code min_lr})
     * @param warmupSteps linear warm-up over the first steps, as {@link LrSchedule#withWarmup} (0 = none)
     * @param totalSteps  cosine's length {@code T_max} in optimizer steps; 0 = taken from the limits when training
     *                    starts ({@link TrainConfig#withScheduleLength}), then kept, so a resumed run follows the
     *                    same curve
     * @param totalSeconds cosine's length in seconds of training (the run's elapsed time, over resumed runs too),
     *                    when the run is bounded by time alone: the rate at a step is the cosine at the fraction of
     *                    that time used before the step, so the curve ends where the time does on any machine, and
     *                    which step gets which rate depends on the machine's pace. 0 for a length in steps
     * @param plateauPatience plateau's {@code patience}: validations without a lower loss it lets pass before each
     *                    reduction (the next one reduces)
     */
    public record Schedule(String name, double minLr, long warmupSteps, long totalSteps, double totalSeconds,
                           int plateauPatience) {
        public static final List<String> NAMES = List.of("step", "cosine", "plateau");
        public static final Schedule STEP = new Schedule("step", 0, 0, 0);

        public Schedule {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown lr schedule '" + name + "', expected one of "
                        + String.join(", ", NAMES));
            }
            if (!(minLr >= 0) || Double.isInfinite(minLr)) {
                throw new IllegalArgumentException("min lr must be a finite number >= 0, got " + minLr);
            }
            if (warmupSteps < 0) throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
            if (totalSteps < 0) {
                throw new IllegalArgumentException("schedule total steps must be >= 0, got " + totalSteps);
            }
            if (!(totalSeconds >= 0) || Double.isInfinite(totalSeconds)) {
                throw new IllegalArgumentException("schedule total seconds must be a finite number >= 0, got "
                        + totalSeconds);
            }
            if (totalSteps > 0 && totalSeconds > 0) {
                throw new IllegalArgumentException("a schedule's length is in steps or in seconds, not both");
            }
            if (plateauPatience < 0) {
                throw new IllegalArgumentException("plateau patience must be >= 0, got " + plateauPatience);
            }
        }

        /** A schedule whose length, if any, is in steps. */
        public Schedule(String name, double minLr, long warmupSteps, long totalSteps) {
            this(name, minLr, warmupSteps, totalSteps, 0, 0);
        }

        /** A step or cosine schedule (no plateau patience). */
        public Schedule(String name, double minLr, long warmupSteps, long totalSteps, double totalSeconds) {
            this(name, minLr, warmupSteps, totalSteps, totalSeconds, 0);
        }

        /** PyTorch's ReduceLROnPlateau on the validation loss, down to {@code minLr}. */
        public static Schedule plateau(double minLr, long warmupSteps, int patience) {
            return new Schedule("plateau", minLr, warmupSteps, 0, 0, patience);
        }

        public static Schedule cosine(double minLr, long warmupSteps) {
            return new Schedule("cosine", minLr, warmupSteps, 0);
        }

        public boolean isCosine() { return name.equals("cosine"); }

        /** Whether the rate falls at plateaus of the validation loss ({@code ReduceLrOnPlateau}). */
        public boolean isPlateau() { return name.equals("plateau"); }

        public Schedule withTotalSteps(long steps) {
            return new Schedule(name, minLr, warmupSteps, steps, 0, plateauPatience);
        }

        public Schedule withTotalSeconds(double seconds) {
            return new Schedule(name, minLr, warmupSteps, 0, seconds, plateauPatience);
        }

        /** A cosine whose length is training time ({@link #totalSeconds}), not steps. */
        public boolean isTimed() { return isCosine() && totalSeconds > 0; }

        /**
         * The learning rate at each step from {@code lr}, before the per-epoch decay; cosine needs its length set.
         * A timed cosine reads {@code elapsedSeconds} (training time so far) at each step.
         */
        public LrSchedule perStep(double lr, DoubleSupplier elapsedSeconds) {
            return perStep(lr, elapsedSeconds, () -> lr);
        }

        /** As above; a plateau schedule's rate is {@code plateauRate}'s at each step (its scheduler's). */
        public LrSchedule perStep(double lr, DoubleSupplier elapsedSeconds, DoubleSupplier plateauRate) {
            LrSchedule s = isTimed()
                    ? step -> LrSchedule.cosineAt(lr, minLr, elapsedSeconds.getAsDouble() / totalSeconds)
                    : isCosine() ? LrSchedule.cosine(lr, minLr, totalSteps)
                    : isPlateau() ? step -> plateauRate.getAsDouble() : LrSchedule.constant(lr);
            return warmupSteps > 0 ? s.withWarmup(warmupSteps) : s;
        }

        /** {@link #perStep(double, DoubleSupplier)} of a schedule that does not depend on time. */
        public LrSchedule perStep(double lr) {
            if (isTimed()) throw new IllegalStateException("a cosine over training time needs the elapsed time");
            return perStep(lr, () -> 0);
        }
    }

    /**
     * The library's plain char-rnn recipe: batch 32, seq 100, Adam 2e-3, clip 5, 20 minutes. The command line's
     * default model has its own (batch 64 × 50, Adam 6e-3 with decay, weight averaging; {@code rnn4j train --help}).
     */
    public static TrainConfig defaults() { return builder().build(); }

    /** A builder holding {@link #defaults()}: set what differs, then {@link Builder#build()}. */
    public static Builder builder() { return new Builder(); }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() { return new Builder(this); }

    /** Another optimizer, with its own default weight decay (PyTorch's: 0.01 for AdamW, 0 for the others). */
    public TrainConfig withOptimizer(String v) { return toBuilder().optimizer(v).build(); }

    public TrainConfig withLr(double v) { return toBuilder().lr(v).build(); }

    public TrainConfig withBatch(int b, int t) { return toBuilder().batchSize(b).seqLength(t).build(); }

    public TrainConfig withLimits(int epochs, long steps, Duration time) {
        return toBuilder().maxEpochs(epochs).maxSteps(steps).timeLimit(time).build();
    }

    public TrainConfig withIntervals(int eval, int checkpoint) {
        return toBuilder().evalEvery(eval).checkpointEvery(checkpoint).build();
    }

    public TrainConfig withSchedule(Schedule v) { return toBuilder().schedule(v).build(); }

    public TrainConfig withWeightDecay(double v) { return toBuilder().weightDecay(v).build(); }

    public TrainConfig withEmaDecay(double v) { return toBuilder().emaDecay(v).build(); }

    public TrainConfig withPatience(int v) { return toBuilder().patience(v).build(); }

    /** Whether validation and checkpoints use a moving average of the weights. */
    public boolean averagesWeights() { return emaDecay > 0; }

    /**
     * Builds a {@link TrainConfig} one named value at a time; {@link TrainConfig}'s constructor checks the
     * whole when {@link #build()} is called.
     *
     * <pre>{@code
     * TrainConfig c = TrainConfig.builder().batchSize(8).seqLength(50).optimizer("adamw").lr(1e-3)
     *         .maxSteps(1000).timeLimit(Duration.ZERO).schedule(TrainConfig.Schedule.cosine(0, 100)).build();
     * }</pre>
     */
    public static final class Builder {
        private int batchSize = 32;
        private int seqLength = 100;
        private String optimizer = "adam";
        private double lr = 2e-3;
        private double lrDecay = 1.0;
        private int lrDecayAfter = 10;
        private double gradClip = 5.0;
        private int maxEpochs;
        private long maxSteps;
        private Duration timeLimit = Duration.ofMinutes(20);
        private double valFrac = 0.05;
        private int evalEvery = 500;
        private int checkpointEvery;
        private long seed = 42;
        private Schedule schedule = Schedule.STEP;
        private Double weightDecay;   // null: the optimizer's default
        private double emaDecay;
        private int patience;

        private Builder() {}

        private Builder(TrainConfig c) {
            batchSize = c.batchSize;
            seqLength = c.seqLength;
            optimizer = c.optimizer;
            lr = c.lr;
            lrDecay = c.lrDecay;
            lrDecayAfter = c.lrDecayAfter;
            gradClip = c.gradClip;
            maxEpochs = c.maxEpochs;
            maxSteps = c.maxSteps;
            timeLimit = c.timeLimit;
            valFrac = c.valFrac;
            evalEvery = c.evalEvery;
            checkpointEvery = c.checkpointEvery;
            seed = c.seed;
            schedule = c.schedule;
            weightDecay = c.weightDecay;
            emaDecay = c.emaDecay;
            patience = c.patience;
        }

        public Builder batchSize(int v) { batchSize = v; return this; }

        public Builder seqLength(int v) { seqLength = v; return this; }

        /** Another optimizer; its own default weight decay unless {@link #weightDecay} is set after this. */
        public Builder optimizer(String v) { optimizer = v; weightDecay = null; return this; }

        public Builder lr(double v) { lr = v; return this; }

        public Builder lrDecay(double v) { lrDecay = v; return this; }

        public Builder lrDecayAfter(int v) { lrDecayAfter = v; return this; }

        public Builder gradClip(double v) { gradClip = v; return this; }

        public Builder maxEpochs(int v) { maxEpochs = v; return this; }

        public Builder maxSteps(long v) { maxSteps = v; return this; }

        public Builder timeLimit(Duration v) { timeLimit = v; return this; }

        public Builder valFrac(double v) { valFrac = v; return this; }

        public Builder evalEvery(int v) { evalEvery = v; return this; }

        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }

        public Builder seed(long v) { seed = v; return this; }

        public Builder schedule(Schedule v) { schedule = v; return this; }

        public Builder weightDecay(double v) { weightDecay = v; return this; }

        public Builder emaDecay(double v) { emaDecay = v; return this; }

        public Builder patience(int v) { patience = v; return this; }

        public TrainConfig build() {
            Optimizers.requireKnown(optimizer);
            return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs,
                    maxSteps, timeLimit, valFrac, evalEvery, checkpointEvery, seed, schedule,
                    weightDecay != null ? weightDecay : Optimizers.defaultWeightDecay(optimizer), emaDecay, patience);
        }
    }

    /**
     * This config with a cosine schedule's length fixed, when not set yet, from the limits: {@code maxSteps}, else
     * {@code maxEpochs × batchesPerEpoch}, else the time limit (a cosine over training time). Fixing it once keeps
     * the curve when a resumed run raises the limits.
     */
    public TrainConfig withScheduleLength(int batchesPerEpoch) {
        if (!schedule.isCosine() || schedule.totalSteps() > 0 || schedule.totalSeconds() > 0) return this;
        if (maxSteps == 0 && maxEpochs == 0) {
            if (timeLimit.isZero()) {
                throw new IllegalArgumentException("a cosine learning-rate schedule needs the run's length: "
                        + "set max epochs, max steps or a time limit (or the schedule's total steps)");
            }
            return withSchedule(schedule.withTotalSeconds(timeLimit.toMillis() / 1000.0));
        }
        return withSchedule(schedule.withTotalSteps(maxSteps > 0 ? maxSteps : (long) maxEpochs * batchesPerEpoch));
    }
}
