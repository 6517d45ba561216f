package dev.rnn4j.lm;

import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.ExponentialMovingAverage;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.optim.ReduceLrOnPlateau;
import dev.rnn4j.train.Trainer;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Trains a {@link CharLanguageModel} with truncated BPTT as char-rnn does: B contiguous streams, the
 * hidden state carried from batch to batch and reset at each epoch, gradient clipping, a per-step
 * learning-rate schedule (constant or cosine, with warm-up) times a per-epoch decay, periodic validation and
 * checkpoints, and limits on epochs, steps and time. The loop itself is {@link Trainer}'s; this class adds
 * the char LM's state (carried hidden state, best validation, position for resume) and its listener.
 *
 * <pre>{@code
 * CharLmTrainer t = new CharLmTrainer(model, corpus.train(), corpus.validation(), TrainConfig.defaults());
 * t.run(listener);                 // listener sees steps, validations and checkpoints
 * }</pre>
 *
 * All state lives in fields that {@link #snapshot()} captures and {@link #restore} puts back, so a run
 * of 100 steps, a checkpoint and a resumed run of 100 steps gives the same bits as 200 steps straight.
 * <p>
 * With weight averaging ({@link TrainConfig#emaDecay()} above 0) the optimizer steps the weights as always,
 * and an {@link ExponentialMovingAverage} of them follows each step; validation and checkpoints use the
 * average: the model holds it while validation runs and while the listener saves a checkpoint, and holds the
 * training weights otherwise.
 */
public final class CharLmTrainer {
    /** What a caller sees of training (progress, metrics files, checkpoints) and how it asks to stop. */
    public interface Listener {
        default void onStep(StepMetrics m) {}

        default void onValidation(ValidationMetrics m) {}

        /**
         * Called with the state to persist; {@code best} when the last validation was the best so far. With
         * weight averaging the model holds the average during this call, the snapshot the training weights.
         */
        default void onCheckpoint(TrainingSnapshot snapshot, boolean best) {}

        default boolean stopRequested() { return false; }
    }

    /**
     * @param progress       fraction of the run done by the tightest limit, or NaN when unbounded
     * @param elapsedSeconds training wall time so far, over all resumed runs ({@link #elapsedSeconds()})
     */
    public record StepMetrics(long step, int epoch, double loss, double lr, double gradNorm, double charsPerSecond,
                              double progress, double elapsedSeconds) {}

    public record ValidationMetrics(long step, int epoch, double trainLoss, double valLoss, boolean best,
                                    double elapsedSeconds) {
        public double bitsPerChar() { return valLoss / Math.log(2); }
    }

    /**
     * Why a run ended; after DIVERGED nothing was saved past the last finite checkpoint ({@link #divergence()}).
     * NO_IMPROVEMENT: {@link TrainConfig#patience()} validations in a row without a lower loss.
     */
    public enum StopReason { MAX_EPOCHS, MAX_STEPS, TIME_LIMIT, NO_IMPROVEMENT, INTERRUPTED, DIVERGED }

    /**
     * What went wrong, and at which step: {@code quantity} is "training loss", "gradient norm",
     * "validation loss" or "weights"; {@code value} is the offending number: NaN or ±Infinity, or a loss
     * above {@link #EXPLODED_LOSS_FACTOR} times that of guessing uniformly.
     */
    public record Divergence(long step, String quantity, double value) {}

    /**
     * A loss above this many times ln(V), the loss of guessing uniformly among V characters, means the
     * run has diverged even while it is finite: saturated tanh and sigmoid units can keep every number
     * finite after weights of 1e30, with the loss at 1e31 nats. A working model stays near or below ln(V);
     * 100·ln(V) would give the right character a probability of V^-100.
     */
    public static final double EXPLODED_LOSS_FACTOR = 100;

    private final CharLanguageModel model;
    private final TrainConfig config;
    private final BatchGradients gradients;
    private final int batchesPerEpoch;
    private final ParameterBuffer parameters;
    private final Optimizer optimizer;
    private final LrSchedule perStep;
    private final LrSchedule perEpoch;
    private final RecurrentState state;
    private final List<Integer> batchOrder;   // every epoch: the batches in order (contiguous streams)
    private final ExponentialMovingAverage average;   // null without weight averaging
    private final ReduceLrOnPlateau plateau;           // null unless the schedule is "plateau"
    private boolean averageInModel;                    // the model holds the average, the training weights are in it
    private long step;
    private int epoch;
    private int batchIndex;
    private double bestValLoss = Double.NaN;
    private TrainingSnapshot.Patience patience = TrainingSnapshot.Patience.START;
    private double elapsedBefore;
    private long runStartNanos = -1;
    private double recentLoss = Double.NaN;
    private Divergence divergence;

    public CharLmTrainer(CharLanguageModel model, int[] trainTokens, int[] validationTokens, TrainConfig config) {
        this(model, BatchGradients.local(model, trainTokens, validationTokens, config), config);
    }

    /** Trains with the gradients {@code gradients} computes (e.g. summed over a cluster) instead of this machine's. */
    public CharLmTrainer(CharLanguageModel model, BatchGradients gradients, TrainConfig config) {
        this.model = model;
        this.gradients = gradients;
        this.batchesPerEpoch = gradients.batchesPerEpoch();
        this.config = config.withScheduleLength(batchesPerEpoch);
        this.parameters = ParameterBuffer.of(model.parameters());
        this.optimizer = Optimizers.create(config.optimizer(), model.parameters(), config.lr(), config.weightDecay());
        // The lr at a step depends only on (step, epoch, config), so a restored step and epoch resume the same curve.
        this.plateau = this.config.schedule().isPlateau() ? new ReduceLrOnPlateau(config.lr(), plateauConfig(config))
                : null;
        this.perStep = this.config.schedule().perStep(config.lr(), this::elapsedSeconds,
                () -> plateau.lr());
        // a plateau schedule's factor is lrDecay, taken at plateaus instead of at epochs
        this.perEpoch = plateau != null ? LrSchedule.constant(1)
                : LrSchedule.stepDecay(1, config.lrDecay(), 1, config.lrDecayAfter());
        this.state = model.zeroState(config.batchSize());
        this.batchOrder = IntStream.range(0, batchesPerEpoch).boxed().toList();
        this.average = config.averagesWeights() ? new ExponentialMovingAverage(config.emaDecay(), parameters.data())
                : null;
    }

    /** The config being trained: the one given, with a cosine schedule's length fixed from its limits. */
    public TrainConfig config() { return config; }

    public long step() { return step; }

    public int epoch() { return epoch; }

    public int batchesPerEpoch() { return batchesPerEpoch; }

    /** Why the last run stopped with {@link StopReason#DIVERGED}, or null. */
    public Divergence divergence() { return divergence; }

    /** Training wall time so far, over all resumed runs, validation included. */
    public double elapsedSeconds() {
        return elapsedBefore + (runStartNanos >= 0 ? (System.nanoTime() - runStartNanos) / 1e9 : 0);
    }

    /** The lowest validation loss so far, NaN before the first validation. */
    public double bestValLoss() { return bestValLoss; }

    /**
     * The training state to save beside the model's weights. With weight averaging, only where the model holds
     * the average ({@link Listener#onCheckpoint}): the snapshot then carries the training weights.
     */
    public TrainingSnapshot snapshot() {
        if (average != null && !averageInModel) {
            throw new IllegalStateException("with weight averaging, take the snapshot in Listener.onCheckpoint, where "
                    + "the model holds the averaged weights that go with it");
        }
        double elapsed = elapsedSeconds();
        return new TrainingSnapshot(step, epoch, batchIndex, optimizer.exportState(), state.h().copy(),
                state.c() == null ? null : state.c().copy(), model.dropoutRngState(), bestValLoss, elapsed,
                average == null ? null : average.values().clone(), patience,
                plateau == null ? null : plateau.state());
    }

    /**
     * Continues from {@code s}; the model's weights must already be the checkpoint's (with weight averaging:
     * the average, and {@code s} carries the training weights).
     */
    public void restore(TrainingSnapshot s) {
        if ((average != null) != (s.trainingWeights() != null)) {
            throw new IllegalArgumentException(average != null
                    ? "this run averages its weights but the checkpoint has no training weights besides the model's: "
                    + "resume it with its own train config (no weight averaging)"
                    : "the checkpoint averages its weights (its model file holds the average): resume it with its own "
                    + "train config, which has the averaging decay");
        }
        if (average != null && s.trainingWeights().length != parameters.size()) {
            throw new IllegalArgumentException("the checkpoint's training weights have " + s.trainingWeights().length
                    + " numbers, the model " + parameters.size());
        }
        if (s.batchIndex() < 0 || s.batchIndex() > batchesPerEpoch) {
            throw new IllegalArgumentException("checkpoint is at batch " + s.batchIndex() + " but an epoch here has "
                    + batchesPerEpoch + " batches: resume with the same data, --batch-size and --seq-length");
        }
        step = s.step();
        epoch = s.epoch();
        batchIndex = s.batchIndex();
        optimizer.importState(s.optimizer());
        state.set(s.carriedH().copy(), s.carriedC() == null ? null : s.carriedC().copy());
        model.restoreDropoutRng(s.dropoutRng());
        bestValLoss = s.bestValLoss();
        patience = s.patience();
        if (plateau != null && s.plateau() != null) plateau.restore(s.plateau());
        elapsedBefore = s.elapsedSeconds();
        if (average != null) {
            float[] w = parameters.data();
            average.set(w);
            System.arraycopy(s.trainingWeights(), 0, w, 0, w.length);
        }
    }

    /**
     * Trains until a limit, the listener or a divergence stops it, on the one {@link Trainer} loop: the batches
     * of an epoch in order from where the last run stopped, the carried state reset at each epoch's end, the
     * learning rate {@code perStep(step) × perEpoch(epoch)}, and every step guarded against an exploded loss or
     * gradient. Validation and checkpoints happen in the loop's listener; a stop that leaves unsaved steps
     * validates and checkpoints once more (never a diverged model).
     */
    public StopReason run(Listener listener) {
        long start = System.nanoTime();
        runStartNanos = start;
        model.train(true);
        StopReason stop = stopReason(listener, 0);   // a resumed run may have nothing left to do
        if (stop == null) {
            Trainer.Config loop = new Trainer.Config(config.maxEpochs() > 0 ? config.maxEpochs() : Integer.MAX_VALUE,
                    config.maxSteps(), config.gradClip(), perStep, () -> timeUp((System.nanoTime() - start) / 1e9));
            StepListener steps = new StepListener(listener, start);
            Trainer.Outcome outcome = new Trainer<Integer>(optimizer, loop).overBuffer(parameters)
                    .from(new Trainer.Position(epoch + 1, batchIndex, step)).epochFactor(perEpoch).guard(this::guard)
                    .train(e -> batchOrder, i -> gradients.accumulate(i, state), steps);
            stop = switch (outcome.stop()) {
                case EPOCHS_DONE -> StopReason.MAX_EPOCHS;
                case STEP_LIMIT -> StopReason.MAX_STEPS;
                case TIME_LIMIT -> StopReason.TIME_LIMIT;
                case LISTENER, DIVERGED -> divergence != null ? StopReason.DIVERGED
                        : patienceSpent() ? StopReason.NO_IMPROVEMENT : StopReason.INTERRUPTED;
            };
            if (steps.sinceCheckpoint > 0 && divergence == null) {   // never lose work, never save a diverged model
                boolean best = validate(listener, false);
                if (divergence == null) checkpoint(listener, best);
            }
        }
        elapsedBefore += (System.nanoTime() - start) / 1e9;
        runStartNanos = -1;
        return divergence != null ? StopReason.DIVERGED : stop;
    }

    /** A non-finite loss or gradient would poison every weight in one update: stop before it. */
    private Trainer.Divergence guard(long nextStep, double loss, double gradNorm) {
        if (exploded(loss)) divergence = new Divergence(nextStep, "training loss", loss);
        else if (!Double.isFinite(gradNorm)) divergence = new Divergence(nextStep, "gradient norm", gradNorm);
        return divergence == null ? null
                : new Trainer.Divergence(divergence.step(), divergence.quantity(), divergence.value());
    }

    /** The char LM's side of each step and epoch: metrics, validation and checkpoints on their intervals. */
    private final class StepListener implements Trainer.Listener {
        private final Listener listener;
        private final long start;
        private long lastTick;
        private long sinceCheckpoint;

        StepListener(Listener listener, long start) {
            this.listener = listener;
            this.start = start;
            this.lastTick = start;
        }

        @Override
        public boolean afterStep(Trainer.Step s) {
            step = s.step();
            batchIndex = s.index() + 1;
            sinceCheckpoint++;
            if (average != null) average.update(parameters.data(), step);
            recentLoss = s.loss();
            long now = System.nanoTime();
            double cps = (double) config.batchSize() * config.seqLength() / Math.max(1e-9, (now - lastTick) / 1e9);
            lastTick = now;
            listener.onStep(new StepMetrics(step, epoch, s.loss(), s.lr(), s.gradNorm(), cps,
                    progress((now - start) / 1e9), elapsedSeconds()));
            if (s.every(config.evalEvery()) && validateAndCheckpoint(listener)) sinceCheckpoint = 0;
            if (s.every(config.checkpointEvery()) && checkpoint(listener, false)) sinceCheckpoint = 0;
            return divergence == null && !listener.stopRequested() && !patienceSpent();
        }

        /** Char-rnn resets the carried state at each epoch's end; with no step interval, it validates here. */
        @Override
        public boolean afterEpoch(int finished) {
            epoch = finished;
            batchIndex = 0;
            state.reset();
            if (config.evalEvery() == 0 && validateAndCheckpoint(listener)) sinceCheckpoint = 0;
            return divergence == null && !patienceSpent();
        }
    }

    private boolean timeUp(double elapsed) {
        return !config.timeLimit().isZero() && elapsed >= config.timeLimit().toMillis() / 1000.0;
    }

    private StopReason stopReason(Listener listener, double elapsed) {
        if (divergence != null) return StopReason.DIVERGED;
        if (listener.stopRequested()) return StopReason.INTERRUPTED;
        if (config.maxSteps() > 0 && step >= config.maxSteps()) return StopReason.MAX_STEPS;
        if (config.maxEpochs() > 0 && epoch >= config.maxEpochs()) return StopReason.MAX_EPOCHS;
        if (timeUp(elapsed)) return StopReason.TIME_LIMIT;
        if (patienceSpent()) return StopReason.NO_IMPROVEMENT;
        return null;
    }

    /** Early stopping: {@link TrainConfig#patience()} validations in a row have brought no lower loss. */
    private boolean patienceSpent() {
        return config.patience() > 0 && patience.validationsSinceBest() >= config.patience();
    }

    private double progress(double elapsed) {
        double p = Double.NaN;
        if (config.maxSteps() > 0) p = max(p, step / (double) config.maxSteps());
        if (config.maxEpochs() > 0) p = max(p, (epoch + batchIndex / (double) batchesPerEpoch) / config.maxEpochs());
        if (!config.timeLimit().isZero()) p = max(p, elapsed / (config.timeLimit().toMillis() / 1000.0));
        return Math.min(1.0, p);
    }

    private static double max(double a, double b) { return Double.isNaN(a) ? b : Math.max(a, b); }

    /** Validates, and checkpoints when every validation should or this one is the best; true if it saved. */
    private boolean validateAndCheckpoint(Listener listener) {
        boolean best = validate(listener, true);
        if (divergence != null || (config.checkpointEvery() > 0 && !best)) return false;
        return checkpoint(listener, best);
    }

    /** Hands the state to the listener unless a weight is NaN or infinite (then records the divergence). */
    private boolean checkpoint(Listener listener, boolean best) {
        float[] w = parameters.data();
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                divergence = new Divergence(step, "weights", w[i]);
                return false;
            }
        }
        return withAverageInModel(() -> {
            listener.onCheckpoint(snapshot(), best);
            return true;
        });
    }

    /** Runs {@code work} with the model holding the averaged weights (with weight averaging; else as it is). */
    private <T> T withAverageInModel(Supplier<T> work) {
        if (average == null || averageInModel) return work.get();
        average.swap(parameters.data());
        averageInModel = true;
        try {
            return work.get();
        } finally {
            average.swap(parameters.data());
            averageInModel = false;
        }
    }

    /** Non-finite, or beyond {@link #EXPLODED_LOSS_FACTOR} times the loss of guessing uniformly. */
    private boolean exploded(double loss) {
        return !Double.isFinite(loss) || loss > EXPLODED_LOSS_FACTOR * Math.log(model.config().vocabSize());
    }

    /**
     * Runs validation, reports it, and says whether it is the best so far; an exploded loss is a divergence.
     * {@code scheduled}: one of the run's own validations, which early stopping counts (not the one at a stop).
     */
    private boolean validate(Listener listener, boolean scheduled) {
        double val = validationLoss();
        if (exploded(val)) {
            divergence = new Divergence(step, "validation loss", val);
            return false;
        }
        boolean best = Double.isNaN(bestValLoss) || val < bestValLoss;
        if (best) bestValLoss = val;
        if (scheduled) {
            patience = patience.after(val);
            if (plateau != null) plateau.step(val);
        }
        listener.onValidation(new ValidationMetrics(step, epoch, recentLoss, val, best, elapsedSeconds()));
        return best;
    }

    /**
     * PyTorch's ReduceLROnPlateau with its own threshold (1e-4, relative), cooldown (0) and eps, the factor
     * {@code lrDecay}, the schedule's patience and its {@code minLr} as the floor.
     */
    private static ReduceLrOnPlateau.Config plateauConfig(TrainConfig c) {
        return ReduceLrOnPlateau.Config.defaults().withFactor(c.lrDecay()).withPatience(c.schedule().plateauPatience())
                .withMinLr(c.schedule().minLr());
    }

    /**
     * Mean loss over the validation text, run as contiguous streams from a zero state, dropout off; of the
     * averaged weights with weight averaging.
     */
    public double validationLoss() {
        return withAverageInModel(gradients::validationLoss);
    }
}
