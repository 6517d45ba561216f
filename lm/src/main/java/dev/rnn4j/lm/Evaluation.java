package dev.rnn4j.lm;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.text.TbpttBatches;

/**
 * Average next-character loss of a model over a token stream, in nats per character; divide by ln 2 for
 * bits per character, exponentiate for perplexity.
 *
 * <pre>{@code
 * double nats = Evaluation.meanLoss(model, tokens, 32, 100, () -> {});
 * double int8 = Evaluation.meanLoss(InferenceModel.of(model, WeightPrecision.INT8), tokens, 32, 100);
 * }</pre>
 */
public final class Evaluation {
    private Evaluation() {}

    /** Told after each chunk of all streams is scored: {@code done} of {@code total} chunks (progress, warm-up). */
    @FunctionalInterface
    public interface ChunkListener {
        void scored(int done, int total);
    }

    private static final ChunkListener SILENT = (done, total) -> {};

    /**
     * How many next-character predictions {@link #meanLoss} scores over {@code tokens} characters: the streams
     * are cut to whole chunks, so a few characters at the end may go unscored.
     */
    public static long predictions(int tokens, int batch, int seqLength) {
        if (tokens < 2) return 0;
        int b = Math.max(1, Math.min(batch, (tokens - 1) / seqLength));
        int t = Math.min(seqLength, (tokens - 1) / b);
        int streamLength = (tokens - 1) / b;
        return (long) (streamLength / t) * t * b;
    }

    /**
     * The text is cut into up to {@code batch} contiguous streams read {@code seqLength} at a time with
     * the state carried along (as in training), dropout off; {@code restoreMode} runs afterwards
     * (e.g. back to training mode). Short texts use fewer streams so that every character counts.
     */
    public static double meanLoss(CharLanguageModel model, int[] tokens, int batch, int seqLength,
            Runnable restoreMode) {
        return meanLoss(model, tokens, batch, seqLength, restoreMode, SILENT);
    }

    /** As {@link #meanLoss(CharLanguageModel, int[], int, int, Runnable)}, telling {@code listener} of each chunk. */
    public static double meanLoss(CharLanguageModel model, int[] tokens, int batch, int seqLength,
            Runnable restoreMode, ChunkListener listener) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("need at least 2 characters to evaluate, got " + tokens.length);
        }
        int b = Math.max(1, Math.min(batch, (tokens.length - 1) / seqLength));
        int t = Math.min(seqLength, (tokens.length - 1) / b);
        TbpttBatches batches = new TbpttBatches(tokens, b, t);
        int[] x = new int[b * t], y = new int[b * t];
        RecurrentState state = model.zeroState(b);
        model.train(false);
        try {
            double sum = 0;
            for (int k = 0; k < batches.count(); k++) {
                batches.fill(k, x, y);
                sum += model.loss(x, y, b, t, state);
                listener.scored(k + 1, batches.count());
            }
            return sum / batches.count();
        } finally {
            restoreMode.run();
        }
    }

    /**
     * The same score from a model frozen for inference (e.g. with int8 weights): the same streams and
     * chunks, read one character per step for all streams, so its difference from {@link #meanLoss(
     * CharLanguageModel, int[], int, int, Runnable)} is the cost of the weights' precision (plus rounding).
     */
    public static double meanLoss(InferenceModel model, int[] tokens, int batch, int seqLength) {
        return meanLoss(model, tokens, batch, seqLength, SILENT);
    }

    /** As {@link #meanLoss(InferenceModel, int[], int, int)}, telling {@code listener} of each chunk. */
    public static double meanLoss(InferenceModel model, int[] tokens, int batch, int seqLength,
                                  ChunkListener listener) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("need at least 2 characters to evaluate, got " + tokens.length);
        }
        int b = Math.max(1, Math.min(batch, (tokens.length - 1) / seqLength));
        int t = Math.min(seqLength, (tokens.length - 1) / b);
        TbpttBatches batches = new TbpttBatches(tokens, b, t);
        int v = model.vocabSize();
        int[] x = new int[b * t], y = new int[b * t], xs = new int[b], ys = new int[b];
        float[] logits = new float[b * v];
        InferenceModel.State state = model.newState(b);
        CrossEntropy crossEntropy = new CrossEntropy();
        double sum = 0;
        for (int k = 0; k < batches.count(); k++) {
            batches.fill(k, x, y);
            double chunk = 0;
            for (int s = 0; s < t; s++) {
                for (int r = 0; r < b; r++) {
                    xs[r] = x[r * t + s];
                    ys[r] = y[r * t + s];
                }
                model.step(xs, state, logits);
                chunk += crossEntropy.compute(logits, b, v, ys, null);
            }
            sum += chunk / t;
            listener.scored(k + 1, batches.count());
        }
        return sum / batches.count();
    }
}
