package dev.rnn4j.lm;

import dev.rnn4j.optim.LrSchedule;

import java.time.Duration;
import java.util.List;

/**
 * How a character model is trained: char-rnn's knobs under PyTorch-style names.
 *
 * <pre>{@code
 * TrainConfig c = TrainConfig.defaults().withOptimizer("adagrad").withLr(0.1);
 * TrainConfig d = TrainConfig.defaults().withLimits(30, 0, Duration.ZERO)
 *         .withSchedule(TrainConfig.Schedule.cosine(0, 200)).withOptimizer("adamw").withWeightDecay(0.05);
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
 */
public record TrainConfig(int batchSize, int seqLength, String optimizer, double lr, double lrDecay, int lrDecayAfter,
                          double gradClip, int maxEpochs, long maxSteps, Duration timeLimit, double valFrac,
                          int evalEvery, int checkpointEvery, long seed, Schedule schedule, double weightDecay) {
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
    }

    /** Char-rnn's step schedule and the optimizer's own weight decay. */
    public TrainConfig(int batchSize, int seqLength, String optimizer, double lr, double lrDecay, int lrDecayAfter,
                       double gradClip, int maxEpochs, long maxSteps, Duration timeLimit, double valFrac,
                       int evalEvery, int checkpointEvery, long seed) {
        this(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps,
                timeLimit, valFrac, evalEvery, checkpointEvery, seed, Schedule.STEP,
                Optimizers.defaultWeightDecay(optimizer));
    }

    /**
     * The per-step shape of the learning rate; char-rnn's per-epoch {@code lrDecay} multiplies it.
     *
     * <pre>{@code
     * Schedule.STEP                  // constant lr (char-rnn)
     * Schedule.cosine(1e-5, 200)     // 200 warm-up steps, then cosine down to 1e-5 over the run's steps
     * }</pre>
     *
     * @param name        "step" (constant between char-rnn's per-epoch decays) or "cosine"
     *                    (PyTorch's CosineAnnealingLR)
     * @param minLr       where cosine ends ({@code eta_min})
     * @param warmupSteps linear warm-up over the first steps, as {@link LrSchedule#withWarmup} (0 = none)
     * @param totalSteps  cosine's length {@code T_max} in optimizer steps; 0 = taken from the limits when training
     *                    starts ({@link TrainConfig#withScheduleLength}), then kept, so a resumed run follows the
     *                    same curve
     */
    public record Schedule(String name, double minLr, long warmupSteps, long totalSteps) {
        public static final List<String> NAMES = List.of("step", "cosine");
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
        }

        public static Schedule cosine(double minLr, long warmupSteps) {
            return new Schedule("cosine", minLr, warmupSteps, 0);
        }

        public boolean isCosine() { return name.equals("cosine"); }

        public Schedule withTotalSteps(long steps) { return new Schedule(name, minLr, warmupSteps, steps); }

        /** The learning rate at each step from {@code lr}, before the per-epoch decay; cosine needs its length set. */
        public LrSchedule perStep(double lr) {
            LrSchedule s = isCosine() ? LrSchedule.cosine(lr, minLr, totalSteps) : LrSchedule.constant(lr);
            return warmupSteps > 0 ? s.withWarmup(warmupSteps) : s;
        }
    }

    /** The recipe of the default model: batch 32, seq 100, Adam 2e-3, clip 5, 20 minutes. */
    public static TrainConfig defaults() {
        return new TrainConfig(32, 100, "adam", 2e-3, 1.0, 10, 5.0, 0, 0, Duration.ofMinutes(20), 0.05, 500, 0, 42);
    }

    /** Another optimizer, with its own default weight decay (PyTorch's: 0.01 for AdamW, 0 for the others). */
    public TrainConfig withOptimizer(String v) {
        return new TrainConfig(batchSize, seqLength, v, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps,
                timeLimit, valFrac, evalEvery, checkpointEvery, seed, schedule, Optimizers.defaultWeightDecay(v));
    }

    public TrainConfig withLr(double v) {
        return new TrainConfig(batchSize, seqLength, optimizer, v, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps,
                timeLimit, valFrac, evalEvery, checkpointEvery, seed, schedule, weightDecay);
    }

    public TrainConfig withBatch(int b, int t) {
        return new TrainConfig(b, t, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps, timeLimit,
                valFrac, evalEvery, checkpointEvery, seed, schedule, weightDecay);
    }

    public TrainConfig withLimits(int epochs, long steps, Duration time) {
        return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, epochs, steps,
                time, valFrac, evalEvery, checkpointEvery, seed, schedule, weightDecay);
    }

    public TrainConfig withIntervals(int eval, int checkpoint) {
        return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs,
                maxSteps, timeLimit, valFrac, eval, checkpoint, seed, schedule, weightDecay);
    }

    public TrainConfig withSchedule(Schedule v) {
        return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs,
                maxSteps, timeLimit, valFrac, evalEvery, checkpointEvery, seed, v, weightDecay);
    }

    public TrainConfig withWeightDecay(double v) {
        return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs,
                maxSteps, timeLimit, valFrac, evalEvery, checkpointEvery, seed, schedule, v);
    }

    /**
     * This config with a cosine schedule's length fixed, when not set yet, from the limits: {@code maxSteps}, else
     * {@code maxEpochs × batchesPerEpoch}. Fixing it once keeps the curve when a resumed run raises the limits.
     */
    public TrainConfig withScheduleLength(int batchesPerEpoch) {
        if (!schedule.isCosine() || schedule.totalSteps() > 0) return this;
        if (maxSteps == 0 && maxEpochs == 0) {
            throw new IllegalArgumentException("a cosine learning-rate schedule needs the run's length: "
                    + "set max epochs or max steps (or the schedule's total steps)");
        }
        return withSchedule(schedule.withTotalSteps(maxSteps > 0 ? maxSteps : (long) maxEpochs * batchesPerEpoch));
    }
}
