package dev.rnn4j.spark;

import java.io.Serializable;

/**
 * Some consecutive truncated-BPTT streams of a text, as one machine's {@code TbpttBatches} cuts them: stream
 * {@code firstStream + i} is {@code streams[i]}, and batch {@code k} reads its steps {@code [k·T, (k+1)·T)}
 * (targets one token later), so the hidden state a batch leaves is the right start for the next.
 *
 * @param firstStream index of the first stream among all B of the batch
 * @param seqLength   T, steps per batch
 * @param streams     token ids of each stream: {@code count·T + 1} of them
 */
record StreamShard(int firstStream, int seqLength, int[][] streams) implements Serializable {
    /** Streams held here (possibly 0 when there are more partitions than streams). */
    int size() { return streams.length; }

    boolean isEmpty() { return streams.length == 0; }

    /** Batches the streams hold. */
    int count() { return streams.length == 0 ? 0 : (streams[0].length - 1) / seqLength; }

    /** Writes batch {@code k} of these streams into {@code x} and {@code y}, each (size, T) row-major. */
    void fill(int k, int[] x, int[] y) {
        int t = seqLength;
        for (int b = 0; b < streams.length; b++) {
            System.arraycopy(streams[b], k * t, x, b * t, t);
            System.arraycopy(streams[b], k * t + 1, y, b * t, t);
        }
    }
}
