package dev.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a token stream into B truncated-BPTT streams exactly as {@code TbpttBatches} and {@code Evaluation} do
 * on one machine, and deals them out to partitions: partition p of P gets streams {@code [p·B/P, (p+1)·B/P)}.
 */
final class StreamCut {
    private StreamCut() {}

    /**
     * Where the streams of a text lie: stream s is its tokens {@code [s·stride, s·stride + length]} ({@code length}
     * steps and the last target), read {@code seqLength} steps per batch.
     */
    record Geometry(int streams, int seqLength, int stride, int length) implements Serializable {
        /** The training streams of n tokens: B of them, each {@code ⌊((n−1)/B)/T⌋·T + 1} tokens long. */
        static Geometry training(int n, int batchSize, int seqLength) {
            int stride = (n - 1) / batchSize;
            int length = stride / seqLength * seqLength;
            if (length == 0) {
                throw new IllegalArgumentException("text of " + n + " characters is too short for batch size "
                        + batchSize + " and sequence length " + seqLength + " (needs at least "
                        + (batchSize * seqLength + 1) + "); use a smaller --batch-size or --seq-length");
            }
            return new Geometry(batchSize, seqLength, stride, length);
        }

        /** The validation streams, as {@code Evaluation.meanLoss} makes them: fewer and shorter for a short text. */
        static Geometry validation(int n, int batchSize, int seqLength) {
            if (n < 2) throw new IllegalArgumentException("need at least 2 characters to validate, got " + n);
            ValidationShape v = ValidationShape.of(n, batchSize, seqLength);
            int stride = (n - 1) / v.streams();
            return new Geometry(v.streams(), v.seqLength(), stride, stride / v.seqLength() * v.seqLength());
        }

        /** The first of partition p's streams (of P); p = P gives the end. */
        int first(int p, int parts) { return (int) ((long) p * streams / parts); }
    }

    /** The training streams of a whole token array. */
    static List<StreamShard> training(int[] tokens, int batchSize, int seqLength, int parts) {
        return deal(tokens, Geometry.training(tokens.length, batchSize, seqLength), parts);
    }

    /** The validation streams of a whole token array. */
    static List<StreamShard> validation(int[] tokens, int batchSize, int seqLength, int parts) {
        return deal(tokens, Geometry.validation(tokens.length, batchSize, seqLength), parts);
    }

    private static List<StreamShard> deal(int[] tokens, Geometry g, int parts) {
        List<StreamShard> shards = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int first = g.first(p, parts), end = g.first(p + 1, parts);
            int[][] streams = new int[end - first][];
            for (int s = first; s < end; s++) {
                streams[s - first] = Arrays.copyOfRange(tokens, s * g.stride(), s * g.stride() + g.length() + 1);
            }
            shards.add(new StreamShard(first, g.seqLength(), streams));
        }
        return shards;
    }

    /**
     * How validation reads a text of {@code length} tokens: {@code streams} streams of {@code seqLength}-step
     * batches, {@code count} batches (as {@code Evaluation.meanLoss}: short texts use fewer streams).
     */
    record ValidationShape(int streams, int seqLength, int count) {
        static ValidationShape of(int length, int batchSize, int seqLength) {
            int b = Math.max(1, Math.min(batchSize, (length - 1) / seqLength));
            int t = Math.min(seqLength, (length - 1) / b);
            return new ValidationShape(b, t, ((length - 1) / b) / t);
        }
    }
}
