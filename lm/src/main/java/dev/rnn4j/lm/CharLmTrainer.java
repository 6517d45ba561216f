package dev.rnn4j.lm;

import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.optim.LrSchedule;
import dev.rnn4j.optim.Optimizer;

/**
 * Trains a {@link CharLanguageModel} with truncated BPTT as char-rnn does: B contiguous streams, the
 * hidden state carried from batch to batch and reset at each epoch, gradient clipping, a per-step
 * learning-rate schedule (constant or cosine, with warm-up) times a per-epoch decay, periodic validation and
 * checkpoints, and limits on epochs, steps and time.
 *
 * <pre>{@code
 * CharLmTrainer t = new CharLmTrainer(model, corpus.train(), corpus.validation(), TrainConfig.defaults());
 * t.run(listener);                 // listener sees steps, validations and checkpoints
 * }</pre>
 *
 * All state lives in fields that {@link #snapshot()} captures and {@link #restore} puts back, so a run
 * of 100 steps, a checkpoint and a resumed run of 100 steps gives the same bits as 200 steps straight.
 */
public final class CharLmTrainer {
    /** What a caller sees of training (progress, metrics files, checkpoints) and how it asks to stop. */
    public interface Listener {
        default void onStep(StepMetrics m) {}

        default void onValidation(ValidationMetrics m) {}

        /** Called with the state to persist; {@code best} when the last validation was the best so far. */
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

    /** Why a run ended; after DIVERGED nothing was saved past the last finite checkpoint ({@link #divergence()}). */
    public enum StopReason { MAX_EPOCHS, MAX_STEPS, TIME_LIMIT, INTERRUPTED, DIVERGED }

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
    private long step;
    private int epoch;
    private int batchIndex;
    private double bestValLoss = Double.NaN;
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
        this.perStep = this.config.schedule().perStep(config.lr());
        this.perEpoch = LrSchedule.stepDecay(1, config.lrDecay(), 1, config.lrDecayAfter());
        this.state = model.zeroState(config.batchSize());
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

    public TrainingSnapshot snapshot() {
        double elapsed = elapsedSeconds();
        return new TrainingSnapshot(step, epoch, batchIndex, optimizer.exportState(), state.h().copy(),
                state.c() == null ? null : state.c().copy(), model.dropoutRngState(), bestValLoss, elapsed);
    }

    /** Continues from {@code s}; the model's weights must already be the checkpoint's. */
    public void restore(TrainingSnapshot s) {
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
        elapsedBefore = s.elapsedSeconds();
    }

    public StopReason run(Listener listener) {
        long start = System.nanoTime();
        runStartNanos = start;
        long lastTick = start;
        long sinceCheckpoint = 0;
        model.train(true);
        while (true) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            StopReason stop = stopReason(listener, elapsed);
            if (stop != null) {
                if (sinceCheckpoint > 0 && divergence == null) {   // never lose work, never save a diverged model
                    boolean best = validate(listener);
                    if (divergence == null) checkpoint(listener, best);
                }
                elapsedBefore += (System.nanoTime() - start) / 1e9;
                runStartNanos = -1;
                return divergence != null ? StopReason.DIVERGED : stop;
            }
            if (batchIndex == batchesPerEpoch) {   // epoch boundary: char-rnn resets the carried state
                epoch++;
                batchIndex = 0;
                state.reset();
                if (config.evalEvery() == 0) {
                    if (validateAndCheckpoint(listener)) sinceCheckpoint = 0;
                    if (divergence != null) continue;
                }
                if (config.maxEpochs() > 0 && epoch >= config.maxEpochs()) continue;
            }
            parameters.zeroGrad();
            double loss = gradients.accumulate(batchIndex, state);
            double norm =
                    GradClip.clipGradNorm(parameters, config.gradClip() > 0 ? config.gradClip() : Double.MAX_VALUE);
            // A non-finite loss or gradient would poison every weight in one update: stop before it.
            if (exploded(loss) || !Double.isFinite(norm)) {
                divergence = exploded(loss) ? new Divergence(step + 1, "training loss", loss)
                        : new Divergence(step + 1, "gradient norm", norm);
                continue;
            }
            optimizer.setLr(perStep.lr(step) * perEpoch.lr(epoch));
            optimizer.step();
            step++;
            batchIndex++;
            sinceCheckpoint++;
            recentLoss = loss;
            long now = System.nanoTime();
            double cps = (double) config.batchSize() * config.seqLength() / Math.max(1e-9, (now - lastTick) / 1e9);
            lastTick = now;
            listener.onStep(new StepMetrics(step, epoch, loss, optimizer.lr(), norm, cps, progress((now - start) / 1e9),
                    elapsedSeconds()));
            if (config.evalEvery() > 0 && step % config.evalEvery() == 0 && validateAndCheckpoint(listener)) {
                sinceCheckpoint = 0;
            }
            if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0 && checkpoint(listener, false)) {
                sinceCheckpoint = 0;
            }
        }
    }

    private StopReason stopReason(Listener listener, double elapsed) {
        if (divergence != null) return StopReason.DIVERGED;
        if (listener.stopRequested()) return StopReason.INTERRUPTED;
        if (config.maxSteps() > 0 && step >= config.maxSteps()) return StopReason.MAX_STEPS;
        if (config.maxEpochs() > 0 && epoch >= config.maxEpochs()) return StopReason.MAX_EPOCHS;
        if (!config.timeLimit().isZero() && elapsed >= config.timeLimit().toMillis() / 1000.0) {
            return StopReason.TIME_LIMIT;
        }
        return null;
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
        boolean best = validate(listener);
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
        listener.onCheckpoint(snapshot(), best);
        return true;
    }

    /** Non-finite, or beyond {@link #EXPLODED_LOSS_FACTOR} times the loss of guessing uniformly. */
    private boolean exploded(double loss) {
        return !Double.isFinite(loss) || loss > EXPLODED_LOSS_FACTOR * Math.log(model.config().vocabSize());
    }

    /** Runs validation, reports it, and says whether it is the best so far; an exploded loss is a divergence. */
    private boolean validate(Listener listener) {
        double val = validationLoss();
        if (exploded(val)) {
            divergence = new Divergence(step, "validation loss", val);
            return false;
        }
        boolean best = Double.isNaN(bestValLoss) || val < bestValLoss;
        if (best) bestValLoss = val;
        listener.onValidation(new ValidationMetrics(step, epoch, recentLoss, val, best, elapsedSeconds()));
        return best;
    }

    /** Mean loss over the validation text, run as contiguous streams from a zero state, dropout off. */
    public double validationLoss() {
        return gradients.validationLoss();
    }
}
