package dev.rnn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a token stream into B truncated-BPTT streams exactly as {@code TbpttBatches} and {@code Evaluation} do
 * on one machine, and deals them out to partitions: partition p of P gets streams {@code [p·B/P, (p+1)·B/P)}.
 */
final class StreamCut {
    private StreamCut() {}

    /** The training streams: B of them, each {@code ⌊((n−1)/B)/T⌋·T + 1} tokens long. */
    static List<StreamShard> training(int[] tokens, int batchSize, int seqLength, int parts) {
        int stride = (tokens.length - 1) / batchSize;
        int streamLength = stride / seqLength * seqLength;
        if (streamLength == 0) {
            throw new IllegalArgumentException("text of " + tokens.length + " characters is too short for batch size "
                    + batchSize + " and sequence length " + seqLength + " (needs at least "
                    + (batchSize * seqLength + 1)
                    + "); use a smaller --batch-size or --seq-length");
        }
        return deal(tokens, batchSize, seqLength, stride, streamLength, parts);
    }

    /** The validation streams, as {@code Evaluation.meanLoss} makes them: fewer and shorter for a short text. */
    static List<StreamShard> validation(int[] tokens, int batchSize, int seqLength, int parts) {
        if (tokens.length < 2) throw new IllegalArgumentException("need at least 2 characters to validate, got "
                + tokens.length);
        ValidationShape v = ValidationShape.of(tokens.length, batchSize, seqLength);
        int stride = (tokens.length - 1) / v.streams();
        return deal(tokens, v.streams(), v.seqLength(), stride, stride / v.seqLength() * v.seqLength(), parts);
    }

    private static List<StreamShard> deal(int[] tokens, int batch, int seqLength, int stride, int streamLength,
            int parts) {
        List<StreamShard> shards = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int first = (int) ((long) p * batch / parts), end = (int) ((long) (p + 1) * batch / parts);
            int[][] streams = new int[end - first][];
            for (int s = first; s < end; s++) {
                streams[s - first] = Arrays.copyOfRange(tokens, s * stride, s * stride + streamLength + 1);
            }
            shards.add(new StreamShard(first, seqLength, streams));
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
