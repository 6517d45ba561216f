package dev.rnn4j.lm;

import dev.rnn4j.tensor.Rng;

import java.util.Arrays;

/**
 * Turns logits into a next-token choice: temperature, then top-k, then top-p (nucleus) filtering, then
 * one draw from the seeded {@link Rng} (same seed, same text). Reuses its buffers: no allocation per token.
 *
 * <pre>{@code
 * Sampler s = new Sampler(vocabSize, new SamplingConfig(0.8, 0, 1.0, false), new Rng(7));
 * int next = s.next(logits, 0);
 * }</pre>
 */
public final class Sampler {
    private final SamplingConfig config;
    private final Rng rng;
    private final double[] probs;
    private final Integer[] order;

    public Sampler(int vocabSize, SamplingConfig config, Rng rng) {
        this.config = config;
        this.rng = rng;
        this.probs = new double[vocabSize];
        this.order = new Integer[vocabSize];
    }

    /** The chosen token for {@code logits[off .. off+vocabSize)}. */
    public int next(float[] logits, int off) {
        int v = probs.length;
        if (config.greedy()) return argmax(logits, off, v);
        probabilities(logits, off, config.temperature(), probs);
        if (config.topK() > 0 && config.topK() < v || config.topP() < 1) filter();
        double u = rng.nextDouble();
        double acc = 0;
        int last = 0;
        for (int i = 0; i < v; i++) {
            if (probs[i] <= 0) continue;
            acc += probs[i];
            last = i;
            if (u < acc) return i;
        }
        return last;   // rounding left u just above the total
    }

    /** Softmax of {@code logits/temperature} into {@code out}, computed stably in double. */
    public static void probabilities(float[] logits, int off, double temperature, double[] out) {
        int v = out.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) max = Math.max(max, logits[off + i] / temperature);
        double sum = 0;
        for (int i = 0; i < v; i++) {
            out[i] = Math.exp(logits[off + i] / temperature - max);
            sum += out[i];
        }
        for (int i = 0; i < v; i++) out[i] /= sum;
    }

    public static int argmax(float[] logits, int off, int v) {
        int best = 0;
        for (int i = 1; i < v; i++) if (logits[off + i] > logits[off + best]) best = i;
        return best;
    }

    /** Zeroes everything outside the top-k and the top-p nucleus, then renormalises. */
    private void filter() {
        int v = probs.length;
        for (int i = 0; i < v; i++) order[i] = i;
        // Ties broken by id so the result does not depend on sort stability.
        Arrays.sort(order, (a, b) -> probs[a] != probs[b] ? Double.compare(probs[b], probs[a]) : Integer.compare(a, b));
        int keep = config.topK() > 0 ? Math.min(config.topK(), v) : v;
        if (config.topP() < 1) {
            double acc = 0;
            int n = 0;
            while (n < keep) {
                acc += probs[order[n++]];
                if (acc >= config.topP()) break;
            }
            keep = n;
        }
        double sum = 0;
        for (int r = 0; r < v; r++) {
            if (r < keep) sum += probs[order[r]];
            else probs[order[r]] = 0;
        }
        for (int i = 0; i < v; i++) probs[i] /= sum;
    }
}
