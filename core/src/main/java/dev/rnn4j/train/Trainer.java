package dev.rnn4j.train;

import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Optimizer;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one training loop: for each epoch, for each batch: zero the gradients → {@link GradientStep} (forward,
 * loss, backward) → divergence check → clip → learning rate from the schedule → optimizer step → listener
 * (metrics, progress, checkpoints), until the epochs, the step limit, the time limit or the listener stop it.
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

    /** One finished step: {@code index} is 0-based within the epoch's {@code batches}; {@code step} counts from 1. */
    public record Step(int epoch, int epochs, int index, int batches, long step, double loss) {
        /** Fraction of the whole run done, for a progress bar. */
        public double fractionDone() { return ((epoch - 1) + (index + 1.0) / batches) / epochs; }
    }

    /** Why training stopped. */
    public enum Stop { EPOCHS_DONE, STEP_LIMIT, TIME_LIMIT, LISTENER }

    /** {@code epochsRun} counts the epoch in which training stopped; {@code lastLoss} is NaN before any step. */
    public record Outcome(int epochsRun, long steps, double lastLoss, Stop stop) {}

    private final Optimizer optimizer;
    private final Config config;
    private ParameterBuffer buffer;   // null: zero and clip the optimizer's parameters one by one

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

    private void clip() {
        if (buffer != null) GradClip.clipGradNorm(buffer, config.clipNorm());
        else GradClip.clipGradNorm(optimizer.parameters(), config.clipNorm());
    }

    /** Runs the loop; a NaN or infinite loss stops it with an {@link IllegalStateException} naming the step. */
    public Outcome train(Batches<B> batches, GradientStep<B> gradients, Listener listener) {
        long step = 0;
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            List<B> epochBatches = batches.epoch(epoch);
            for (int i = 0; i < epochBatches.size(); i++) {
                if (buffer != null) buffer.zeroGrad(); else optimizer.zeroGrad();
                loss = gradients.lossAndGradients(epochBatches.get(i));
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss is " + loss + " at step " + (step + 1)
                            + " (epoch " + epoch + ", batch " + (i + 1) + " of " + epochBatches.size()
                            + "); lower the learning rate or clip gradients");
                }
                if (config.clipNorm() > 0) clip();
                if (config.schedule() != null) optimizer.setLr(config.schedule().lr(step));
                optimizer.step();
                step++;
                Step done = new Step(epoch, config.epochs(), i, epochBatches.size(), step, loss);
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
