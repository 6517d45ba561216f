package dev.rnn4j.text;

/**
 * Truncated-BPTT batches as char-rnn makes them: the token stream is cut into {@code batchSize}
 * contiguous streams, and batch {@code k} holds steps {@code [k·T, (k+1)·T)} of every stream, so the
 * hidden state left by batch k is the right initial state for batch k+1 (backpropagation is truncated at
 * batch boundaries, the state is not). Targets are the inputs shifted by one token.
 *
 * <pre>{@code
 * TbpttBatches batches = new TbpttBatches(tokens, 32, 100);
 * int[] x = new int[32 * 100], y = new int[32 * 100];
 * for (int k = 0; k < batches.count(); k++) { batches.fill(k, x, y); ... }
 * }</pre>
 *
 * Batches are addressed by index, so a training cursor is just (epoch, index) and resume is exact.
 */
public final class TbpttBatches {
    private final int[] tokens;
    private final int batchSize;
    private final int seqLength;
    private final int streamLength;   // tokens per stream usable as inputs

    public TbpttBatches(int[] tokens, int batchSize, int seqLength) {
        if (batchSize <= 0 || seqLength <= 0) {
            throw new IllegalArgumentException("batch size and sequence length must be positive, got " + batchSize
                    + " and " + seqLength);
        }
        this.tokens = tokens;
        this.batchSize = batchSize;
        this.seqLength = seqLength;
        // Each stream needs one extra token for the last target.
        this.streamLength = ((tokens.length - 1) / batchSize) / seqLength * seqLength;
        if (streamLength == 0) {
            throw new IllegalArgumentException("text of " + tokens.length + " characters is too short for batch size "
                    + batchSize + " and sequence length " + seqLength + " (needs at least "
                    + (batchSize * seqLength + 1) + "); use a smaller --batch-size or --seq-length");
        }
    }

    public int count() { return streamLength / seqLength; }

    public int batchSize() { return batchSize; }

    public int seqLength() { return seqLength; }

    /** Characters per batch, B·T. */
    public int batchChars() { return batchSize * seqLength; }

    /** Writes batch {@code k} into {@code x} and {@code y}, each (batchSize, seqLength) row-major. */
    public void fill(int k, int[] x, int[] y) {
        if (k < 0 || k >= count()) throw new IndexOutOfBoundsException("batch " + k + " of " + count());
        int stride = (tokens.length - 1) / batchSize;
        for (int b = 0; b < batchSize; b++) {
            int src = b * stride + k * seqLength;
            System.arraycopy(tokens, src, x, b * seqLength, seqLength);
            System.arraycopy(tokens, src + 1, y, b * seqLength, seqLength);
        }
    }
}
