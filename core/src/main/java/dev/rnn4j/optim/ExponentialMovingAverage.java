package dev.rnn4j.optim;

import dev.rnn4j.kernel.KernelPool;

/**
 * An exponential moving average of a model's flat weights (Polyak averaging), with the warm-up of TensorFlow's
 * {@code tf.train.ExponentialMovingAverage(decay, num_updates)}: after update n (1, 2, ...) the average is
 * <pre>
 *   d_n = min(decay, (1 + n) / (10 + n))        avg ← avg + (1 − d_n)(w − avg)
 * </pre>
 * so the first updates follow the weights closely (d_1 = 0.18) and the full {@code decay} applies from
 * n = (10·decay − 1)/(1 − decay) on: 890 updates for 0.99. Evaluating the average instead of the last weights
 * smooths out the noise of a high learning rate, as annealing it would, without slowing training: the
 * optimizer keeps stepping the weights themselves.
 *
 * <pre>{@code
 * ExponentialMovingAverage ema = new ExponentialMovingAverage(0.99, buffer.data());
 * ema.update(buffer.data(), step);          // after each optimizer step
 * ema.swap(buffer.data());                  // weights ⇄ average, exactly; swap again to go back
 * }</pre>
 *
 * Elementwise in float32, so the result does not depend on threads.
 */
public final class ExponentialMovingAverage {
    /** Weights per thread's part at least: below this, an update runs on the calling thread. */
    private static final int PARALLEL_GRAIN = 1 << 16;

    private final double decay;
    private final float[] average;

    /** Starts the average at {@code initial} (copied); {@code decay} in (0, 1). */
    public ExponentialMovingAverage(double decay, float[] initial) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("weight averaging decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = initial.clone();
    }

    /** The decay of update {@code n} (counted from 1): the warm-up's {@code (1 + n)/(10 + n)} until it passes decay. */
    public double decayAt(long n) {
        if (n < 1) throw new IllegalArgumentException("updates are counted from 1, got " + n);
        return Math.min(decay, (1.0 + n) / (10.0 + n));
    }

    /** Moves the average toward {@code weights}: update {@code n} of the run, n from 1. */
    public void update(float[] weights, long n) {
        requireSize(weights);
        float k = (float) (1 - decayAt(n));
        float[] a = average;
        // element by element, so the parts may go to any thread (the serial loop was ~1% of a default training step)
        KernelPool.parallelRange(a.length, PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) a[i] += k * (weights[i] - a[i]);
        });
    }

    /** Exchanges the contents of {@code weights} and the average, bit for bit. */
    public void swap(float[] weights) {
        requireSize(weights);
        float[] a = average;
        for (int i = 0; i < a.length; i++) {
            float w = weights[i];
            weights[i] = a[i];
            a[i] = w;
        }
    }

    /** The average itself (live: it changes with {@link #update} and {@link #swap}). */
    public float[] values() { return average; }

    /** Replaces the average by {@code values} (copied), as a checkpoint stored it. */
    public void set(float[] values) {
        requireSize(values);
        System.arraycopy(values, 0, average, 0, average.length);
    }

    private void requireSize(float[] weights) {
        if (weights.length != average.length) {
            throw new IllegalArgumentException("weights of " + weights.length + " numbers, the average holds "
                    + average.length);
        }
    }
}
