package dev.rnn4j.train;

import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Optimizer;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one training loop: for each epoch, for each batch: zero the gradients → {@link GradientStep} (forward,
 * loss, backward) → clip (and measure the gradient norm) → divergence check → learning rate from the schedule →
 * optimizer step → listener (metrics, progress, checkpoints), until the epochs, the step limit, the time limit or
 * the listener stop it. A run that continues from a checkpoint starts {@link #from} its position; a
 * {@link Guard} turns a diverging step into a clean stop instead of an exception.
 *
 * <pre>{@code
 * Trainer.Config config = new Trainer.Config(10, 0, 5.0, null, () -> false);
 * Trainer.Outcome o = new Trainer<Batch>(adam, config).train(
 *         epoch -> batchesOf(data, rng),                 // drawn at the start of each epoch
 *         batch -> model.lossAndGradients(batch),        // forward → loss → backward, returns the loss
 *         step -> System.out.println(step.loss()));
 * }</pre>
 *
 * @param <B> what one batch is
 */
public final class Trainer<B> {
    /** The batches of one epoch (1-based), drawn when the epoch starts (so a shuffle draws in epoch order). */
    @FunctionalInterface
    public interface Batches<B> {
        List<B> epoch(int epoch);
    }

    /**
     * Forward, loss and backward on one batch: accumulates the parameter gradients and returns the loss. The
     * seam where a distributed run sums the partitions' gradients instead.
     */
    @FunctionalInterface
    public interface GradientStep<B> {
        double lossAndGradients(B batch);
    }

    /** Told after each optimizer step and at the end of each epoch; either may stop training. */
    public interface Listener {
        /** Metrics, progress, a checkpoint every so many steps; return false to stop training. */
        boolean afterStep(Step step);

        /** Validation, early stopping, a checkpoint per epoch; return false to stop training. */
        default boolean afterEpoch(int epoch) { return true; }
    }

    /**
     * Decides, after the gradients are clipped and before the optimizer step, whether the step may be taken.
     * Without one, a NaN or infinite loss throws an {@link IllegalStateException}.
     */
    @FunctionalInterface
    public interface Guard {
        /** Null to take step {@code step} (counted from 1), else what went wrong; training then stops. */
        Divergence check(long step, double loss, double gradNorm);
    }

    /** What stopped a run as diverged: {@code quantity} names what ({@code "training loss"}, ...), {@code value} it. */
    public record Divergence(long step, String quantity, double value) {}

    /**
     * Where a run continues: in epoch {@code epoch} (from 1), after {@code batchesDone} of its batches (as many as
     * it has: straight to the end of the epoch), with {@code steps} optimizer steps done over the whole run. The
     * epoch's batches are drawn again from {@link Batches}, so they must be the same as before (fixed batches, or
     * a shuffle whose random state the caller restored).
     */
    public record Position(int epoch, int batchesDone, long steps) {
        public static final Position START = new Position(1, 0, 0);

        public Position {
            if (epoch < 1 || batchesDone < 0 || steps < 0) {
                throw new IllegalArgumentException("a position needs epoch >= 1, batchesDone >= 0 and steps >= 0, got "
                        + epoch + ", " + batchesDone + ", " + steps);
            }
        }
    }

    /**
     * @param epochs      passes over the batches, at least 1
     * @param maxSteps    stop after this many optimizer steps; 0 for no limit
     * @param clipNorm    clip the global gradient norm to this; 0 for no clipping
     * @param schedule    the learning rate of each step (0-based step before it is taken); null keeps the
     *                    optimizer's
     * @param timeLimit   checked after each step; true stops training (null: none)
     */
    public record Config(int epochs, long maxSteps, double clipNorm, LrSchedule schedule,
                         BooleanSupplier timeLimit) {
        public Config {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            if (maxSteps < 0) {
                throw new IllegalArgumentException("maxSteps must be >= 0 (0 = no limit), got " + maxSteps);
            }
            if (!(clipNorm >= 0)) {
                throw new IllegalArgumentException("clipNorm must be >= 0 (0 = off), got " + clipNorm);
            }
            if (timeLimit == null) timeLimit = () -> false;
        }
    }

    /**
     * One finished step: {@code index} is 0-based within the epoch's {@code batches}; {@code step} counts from 1;
     * {@code lr} is the rate the step was taken with, {@code gradNorm} the gradient norm before clipping.
     */
    public record Step(int epoch, int epochs, int index, int batches, long step, double loss, double lr,
                       double gradNorm) {
        /** Fraction of the whole run done, for a progress bar. */
        public double fractionDone() { return ((epoch - 1) + (index + 1.0) / batches) / epochs; }

        /** Whether this step is a multiple of {@code n} (never for 0): validation or a checkpoint every n steps. */
        public boolean every(long n) { return n > 0 && step % n == 0; }
    }

    /** Why training stopped. */
    public enum Stop { EPOCHS_DONE, STEP_LIMIT, TIME_LIMIT, LISTENER, DIVERGED }

    /**
     * {@code epochsRun} counts the epoch in which training stopped; {@code lastLoss} is NaN before any step;
     * {@code divergence} says what went wrong when {@code stop} is {@link Stop#DIVERGED}, else null.
     */
    public record Outcome(int epochsRun, long steps, double lastLoss, Stop stop, Divergence divergence) {
        public Outcome(int epochsRun, long steps, double lastLoss, Stop stop) {
            this(epochsRun, steps, lastLoss, stop, null);
        }
    }

    private final Optimizer optimizer;
    private final Config config;
    private ParameterBuffer buffer;   // null: zero and clip the optimizer's parameters one by one
    private Position start = Position.START;
    private LrSchedule epochFactor;   // null: the schedule alone
    private Guard guard;              // null: a non-finite loss throws

    public Trainer(Optimizer optimizer, Config config) {
        if (optimizer == null) throw new IllegalArgumentException("Trainer needs an optimizer, got null");
        if (config == null) throw new IllegalArgumentException("Trainer needs a config, got null");
        this.optimizer = optimizer;
        this.config = config;
    }

    /**
     * Zeroes and clips the gradients of {@code buffer}, a model's parameters in one flat array, in one pass
     * instead of parameter by parameter (the norm is then summed in the buffer's order).
     */
    public Trainer<B> overBuffer(ParameterBuffer buffer) {
        this.buffer = buffer;
        return this;
    }

    /** Continues a run at {@code position} (its step count, and the epoch and batch it stopped in). */
    public Trainer<B> from(Position position) {
        if (position == null) throw new IllegalArgumentException("from needs a position, got null");
        this.start = position;
        return this;
    }

    /**
     * Multiplies each step's learning rate by {@code perEpoch} at the epoch's 0-based index (as char-rnn's
     * per-epoch decay on top of a per-step schedule); the rate is then {@code schedule(step) × perEpoch(epoch − 1)}.
     * Needs {@link Config#schedule()}.
     */
    public Trainer<B> epochFactor(LrSchedule perEpoch) {
        if (config.schedule() == null) {
            throw new IllegalArgumentException("an epoch factor multiplies the schedule's rate: set Config.schedule");
        }
        this.epochFactor = perEpoch;
        return this;
    }

    /** Checks every step before the update with {@code g} instead of throwing on a non-finite loss. */
    public Trainer<B> guard(Guard g) {
        this.guard = g;
        return this;
    }

    /** Clips to {@link Config#clipNorm()} when set; returns the norm before clipping either way. */
    private double clipAndMeasure() {
        if (config.clipNorm() > 0) {
            return buffer != null ? GradClip.clipGradNorm(buffer, config.clipNorm())
                    : GradClip.clipGradNorm(optimizer.parameters(), config.clipNorm());
        }
        return buffer != null ? GradClip.norm(buffer) : GradClip.norm(optimizer.parameters());
    }

    /**
     * Runs the loop; without a {@link Guard}, a NaN or infinite loss stops it with an {@link IllegalStateException}
     * naming the step.
     */
    public Outcome train(Batches<B> batches, GradientStep<B> gradients, Listener listener) {
        long step = start.steps();
        double loss = Double.NaN;
        for (int epoch = start.epoch(); epoch <= config.epochs(); epoch++) {
            List<B> epochBatches = batches.epoch(epoch);
            int first = epoch == start.epoch() ? Math.min(start.batchesDone(), epochBatches.size()) : 0;
            for (int i = first; i < epochBatches.size(); i++) {
                if (buffer != null) buffer.zeroGrad(); else optimizer.zeroGrad();
                loss = gradients.lossAndGradients(epochBatches.get(i));
                if (guard == null && !Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss is " + loss + " at step " + (step + 1)
                            + " (epoch " + epoch + ", batch " + (i + 1) + " of " + epochBatches.size()
                            + "); lower the learning rate or clip gradients");
                }
                double norm = clipAndMeasure();
                Divergence diverged = guard == null ? null : guard.check(step + 1, loss, norm);
                if (diverged != null) return new Outcome(epoch, step, loss, Stop.DIVERGED, diverged);
                if (config.schedule() != null) {
                    double lr = config.schedule().lr(step);
                    optimizer.setLr(epochFactor == null ? lr : lr * epochFactor.lr(epoch - 1));
                }
                optimizer.step();
                step++;
                Step done = new Step(epoch, config.epochs(), i, epochBatches.size(), step, loss, optimizer.lr(), norm);
                if (!listener.afterStep(done)) return new Outcome(epoch, step, loss, Stop.LISTENER);
                if (config.timeLimit().getAsBoolean()) return new Outcome(epoch, step, loss, Stop.TIME_LIMIT);
                if (config.maxSteps() > 0 && step >= config.maxSteps()) {
                    return new Outcome(epoch, step, loss, Stop.STEP_LIMIT);
                }
            }
            if (!listener.afterEpoch(epoch)) return new Outcome(epoch, step, loss, Stop.LISTENER);
        }
        return new Outcome(config.epochs(), step, loss, Stop.EPOCHS_DONE);
    }
}
