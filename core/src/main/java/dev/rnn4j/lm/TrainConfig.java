package dev.rnn4j.lm;

import java.time.Duration;

/**
 * How a character model is trained: char-rnn's knobs under PyTorch-style names.
 *
 * <pre>{@code
 * TrainConfig c = TrainConfig.defaults().withOptimizer("adagrad").withLr(0.1);
 * }</pre>
 *
 * @param lrDecay        multiply the learning rate by this every epoch from epoch {@code lrDecayAfter} (1 = off)
 * @param gradClip       clip the global gradient norm to this (0 = off)
 * @param maxEpochs      stop after this many passes over the training text (0 = no limit)
 * @param maxSteps       stop after this many optimizer steps (0 = no limit)
 * @param timeLimit      stop (and checkpoint) after this much wall time (zero = no limit)
 * @param evalEvery      validate every this many steps (0 = once per epoch)
 * @param checkpointEvery save every this many steps (0 = at each validation)
 */
public record TrainConfig(int batchSize, int seqLength, String optimizer, double lr, double lrDecay, int lrDecayAfter,
                          double gradClip, int maxEpochs, long maxSteps, Duration timeLimit, double valFrac,
                          int evalEvery, int checkpointEvery, long seed) {
    public TrainConfig {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        if (seqLength <= 0) throw new IllegalArgumentException("sequence length must be positive, got " + seqLength);
        Optimizers.requireKnown(optimizer);
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        if (!(lrDecay > 0 && lrDecay <= 1)) throw new IllegalArgumentException("lr decay must be in (0, 1], got " + lrDecay);
        if (gradClip < 0) throw new IllegalArgumentException("grad clip must be >= 0 (0 = off), got " + gradClip);
        if (maxEpochs < 0 || maxSteps < 0) throw new IllegalArgumentException("max epochs and max steps must be >= 0");
        if (timeLimit == null || timeLimit.isNegative()) throw new IllegalArgumentException("time limit must be >= 0");
        if (!(valFrac > 0 && valFrac < 0.5)) throw new IllegalArgumentException("validation fraction must be in (0, 0.5), got " + valFrac);
        if (evalEvery < 0 || checkpointEvery < 0) throw new IllegalArgumentException("eval and checkpoint intervals must be >= 0");
    }

    /** The recipe of the default model: batch 32, seq 100, Adam 2e-3, clip 5, 20 minutes. */
    public static TrainConfig defaults() {
        return new TrainConfig(32, 100, "adam", 2e-3, 1.0, 10, 5.0, 0, 0, Duration.ofMinutes(20), 0.05, 500, 0, 42);
    }

    public TrainConfig withOptimizer(String v) { return new TrainConfig(batchSize, seqLength, v, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps, timeLimit, valFrac, evalEvery, checkpointEvery, seed); }

    public TrainConfig withLr(double v) { return new TrainConfig(batchSize, seqLength, optimizer, v, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps, timeLimit, valFrac, evalEvery, checkpointEvery, seed); }

    public TrainConfig withBatch(int b, int t) { return new TrainConfig(b, t, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps, timeLimit, valFrac, evalEvery, checkpointEvery, seed); }

    public TrainConfig withLimits(int epochs, long steps, Duration time) { return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, epochs, steps, time, valFrac, evalEvery, checkpointEvery, seed); }

    public TrainConfig withIntervals(int eval, int checkpoint) { return new TrainConfig(batchSize, seqLength, optimizer, lr, lrDecay, lrDecayAfter, gradClip, maxEpochs, maxSteps, timeLimit, valFrac, eval, checkpoint, seed); }
}
