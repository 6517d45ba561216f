package dev.rnn4j.examples.seqtools;

import java.nio.file.Path;
import java.util.Map;

/**
 * The best epoch so far by a development score (higher is better): its number, its score and a copy of
 * its weights, which are also saved to the run directory each time the score improves, so an interrupted
 * run still leaves its best model behind.
 *
 * <pre>{@code
 * BestEpoch best = new BestEpoch(model.parameters(), runDir.resolve(RunFiles.MODEL), metadata,
 *         Double.NEGATIVE_INFINITY);
 * for (int epoch = 1; epoch <= epochs; epoch++) { trainOneEpoch(); if (!best.offer(epoch, devAccuracy())) halveLr(); }
 * best.restore();   // test with the best epoch's weights
 * }</pre>
 */
public final class BestEpoch {
    private final ModelParameters parameters;
    private final Path modelFile;
    private final Map<String, String> metadata;
    private double score;
    private int epoch;
    private float[] weights;

    /** {@code floor}: a score an epoch must beat to count as the first best. */
    public BestEpoch(ModelParameters parameters, Path modelFile, Map<String, String> metadata, double floor) {
        this.parameters = parameters;
        this.modelFile = modelFile;
        this.metadata = metadata;
        this.score = floor;
    }

    /** Keeps and saves the current weights when {@code devScore} beats the best so far; true when it did. */
    public boolean offer(int epochNumber, double devScore) {
        if (!(devScore > score)) return false;
        score = devScore;
        epoch = epochNumber;
        weights = parameters.snapshot();
        parameters.save(modelFile, metadata);
        return true;
    }

    /** Puts the best epoch's weights back into the model. */
    public void restore() { parameters.restore(weights); }

    /** The best epoch's number, 0 before any. */
    public int epoch() { return epoch; }

    /** The best epoch's score, the floor before any. */
    public double score() { return score; }
}
