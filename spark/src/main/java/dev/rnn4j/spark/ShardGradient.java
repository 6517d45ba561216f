package dev.rnn4j.spark;

import java.io.Serializable;

/**
 * Partition {@code partition}'s part of a step: the gradient of its streams' share of the batch's mean loss (already
 * weighted by streams/B, so the parts add up to the whole batch's), that share of the loss, and the hidden
 * state its streams carry on (layers, its streams, hidden), and how long the forward and backward took.
 */
record ShardGradient(int partition, int firstStream, int streams, float[] gradient, double loss, float[] carriedH,
                     float[] carriedC, long computeNanos) implements Serializable {
    /** This part without its gradient: what the driver still needs once the gradient is added into a sum. */
    ShardGradient withoutGradient() {
        return new ShardGradient(partition, firstStream, streams, null, loss, carriedH, carriedC, computeNanos);
    }
}
