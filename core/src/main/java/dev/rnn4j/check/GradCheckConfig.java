package dev.rnn4j.check;

import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@link GradCheck#run} checks: a recurrent layer (or, with {@code cell}, one of the cells) and the
 * small random problem it is checked on. Start from {@link #of} and change what differs:
 *
 * <pre>{@code
 * GradCheckConfig c = GradCheckConfig.of(RecurrentKind.LSTM).toBuilder()
 *         .numLayers(2).bidirectional(true).projSize(3).packed(true).build();
 * }</pre>
 *
 * @param nonlinearity RNN only (tanh or relu); kept as TANH for LSTM and GRU
 * @param cell         check {@code RnnCell}/{@code LstmCell}/{@code GruCell} (one step, batch × input)
 * @param packed       random per-sequence lengths in 1..seqLength, see {@link #lengths()}
 * @param seed         initialises the layer's parameters and draws the inputs, states and upstream gradients
 */
public record GradCheckConfig(RecurrentKind kind, Nonlinearity nonlinearity, boolean cell, int inputSize,
                              int hiddenSize, int numLayers, boolean bidirectional, boolean bias, int projSize,
                              boolean packed, boolean batchFirst, int batchSize, int seqLength, long seed) {

    public GradCheckConfig {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        if (nonlinearity == null) throw new IllegalArgumentException("nonlinearity must not be null");
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        if (seqLength <= 0) throw new IllegalArgumentException("seqLength must be positive, got " + seqLength);
        if (cell && (numLayers != 1 || bidirectional || projSize != 0 || packed)) {
            throw new IllegalArgumentException("a cell has one layer, one direction, no projection and no lengths; got "
                    + "numLayers=" + numLayers + ", bidirectional=" + bidirectional + ", projSize=" + projSize
                    + ", packed=" + packed);
        }
        // The layer's own config checks sizes, layers and projSize with PyTorch's rules.
        new RecurrentConfig(kind, inputSize, hiddenSize, numLayers, bias, batchFirst, 0f, bidirectional, projSize,
                nonlinearity, seed);
    }

    /**
     * One layer of {@code kind}, bias, batch-first, B = 3, T = 4, I = 3, H = 4, seed 1: small enough to check every
     * element.
     */
    public static GradCheckConfig of(RecurrentKind kind) {
        return new GradCheckConfig(kind, Nonlinearity.TANH, false, 3, 4, 1, false, true, 0, false, true, 3, 4, 1L);
    }

    /**
     * As {@link #of(RecurrentKind)} from the name a user types: {@code rnn} (tanh), {@code rnn-relu},
     * {@code lstm} or {@code gru}, in any case.
     */
    public static GradCheckConfig of(String cell) {
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "rnn", "rnn-tanh", "rnn_tanh" -> of(RecurrentKind.RNN);
            case "rnn-relu", "rnn_relu" -> of(RecurrentKind.RNN).withNonlinearity(Nonlinearity.RELU);
            case "lstm" -> of(RecurrentKind.LSTM);
            case "gru" -> of(RecurrentKind.GRU);
            default -> throw new IllegalArgumentException("cell must be one of rnn, rnn-relu, lstm, gru, got '"
                    + cell + "'");
        };
    }

    /** The layer this config describes, as the fast layers take it (no dropout: the check needs a fixed function). */
    public RecurrentConfig layerConfig() {
        return new RecurrentConfig(kind, inputSize, hiddenSize, numLayers, bias, batchFirst, 0f, bidirectional,
                projSize, nonlinearity, seed);
    }

    /**
     * Per-sequence lengths when {@code packed} (else null), drawn from the seed: each in 1..seqLength, in no
     * particular order, and at least one shorter than seqLength (when seqLength > 1) so padding is exercised.
     */
    public int[] lengths() {
        if (!packed) return null;
        Rng rng = new Rng(seed ^ 0x1E57L);
        int[] lengths = new int[batchSize];
        for (int b = 0; b < batchSize; b++) lengths[b] = 1 + rng.nextInt(seqLength);
        if (seqLength > 1 && Arrays.stream(lengths).allMatch(l -> l == seqLength)) {
            lengths[0] = 1 + rng.nextInt(seqLength - 1);
        }
        return lengths;
    }

    public GradCheckConfig withNonlinearity(Nonlinearity n) { return toBuilder().nonlinearity(n).build(); }

    /** Checks the cell of this kind instead of the layer. */
    public GradCheckConfig withCell(boolean c) { return toBuilder().cell(c).build(); }

    public GradCheckConfig withSizes(int input, int hidden) { return toBuilder().sizes(input, hidden).build(); }

    public GradCheckConfig withLayers(int layers) { return toBuilder().numLayers(layers).build(); }

    public GradCheckConfig withBidirectional(boolean b) { return toBuilder().bidirectional(b).build(); }

    public GradCheckConfig withBias(boolean b) { return toBuilder().bias(b).build(); }

    public GradCheckConfig withProjSize(int p) { return toBuilder().projSize(p).build(); }

    public GradCheckConfig withPacked(boolean p) { return toBuilder().packed(p).build(); }

    public GradCheckConfig withBatchFirst(boolean b) { return toBuilder().batchFirst(b).build(); }

    /** B sequences of T steps (a cell uses only B). */
    public GradCheckConfig withShape(int batch, int seq) { return toBuilder().shape(batch, seq).build(); }

    public GradCheckConfig withSeed(long s) { return toBuilder().seed(s).build(); }

    /** A builder holding this config's values, for changing several at once. */
    public Builder toBuilder() { return new Builder(this); }

    /**
     * Changes a {@link GradCheckConfig} one named value at a time; the record's constructor checks the whole
     * at {@link #build()}.
     *
     * <pre>{@code
     * GradCheckConfig c = GradCheckConfig.of(RecurrentKind.GRU).toBuilder()
     *         .numLayers(2).bidirectional(true).shape(2, 5).seed(7).build();
     * }</pre>
     */
    public static final class Builder {
        private final RecurrentKind kind;
        private Nonlinearity nonlinearity;
        private boolean cell;
        private int inputSize;
        private int hiddenSize;
        private int numLayers;
        private boolean bidirectional;
        private boolean bias;
        private int projSize;
        private boolean packed;
        private boolean batchFirst;
        private int batchSize;
        private int seqLength;
        private long seed;

        private Builder(GradCheckConfig c) {
            kind = c.kind;
            nonlinearity = c.nonlinearity;
            cell = c.cell;
            inputSize = c.inputSize;
            hiddenSize = c.hiddenSize;
            numLayers = c.numLayers;
            bidirectional = c.bidirectional;
            bias = c.bias;
            projSize = c.projSize;
            packed = c.packed;
            batchFirst = c.batchFirst;
            batchSize = c.batchSize;
            seqLength = c.seqLength;
            seed = c.seed;
        }

        public Builder nonlinearity(Nonlinearity v) { nonlinearity = v; return this; }

        public Builder cell(boolean v) { cell = v; return this; }

        public Builder sizes(int input, int hidden) { inputSize = input; hiddenSize = hidden; return this; }

        public Builder numLayers(int v) { numLayers = v; return this; }

        public Builder bidirectional(boolean v) { bidirectional = v; return this; }

        public Builder bias(boolean v) { bias = v; return this; }

        public Builder projSize(int v) { projSize = v; return this; }

        public Builder packed(boolean v) { packed = v; return this; }

        public Builder batchFirst(boolean v) { batchFirst = v; return this; }

        public Builder shape(int batch, int seq) { batchSize = batch; seqLength = seq; return this; }

        public Builder seed(long v) { seed = v; return this; }

        public GradCheckConfig build() {
            return new GradCheckConfig(kind, nonlinearity, cell, inputSize, hiddenSize, numLayers, bidirectional,
                    bias, projSize, packed, batchFirst, batchSize, seqLength, seed);
        }
    }

    /** One line, e.g. {@code lstm layers=2 bidirectional proj=3 packed=[4, 2, 3] batchFirst B=3 T=4 I=3 H=4 seed=1}. */
    public String describe() {
        StringBuilder s = new StringBuilder(kind.name().toLowerCase(Locale.ROOT));
        if (kind == RecurrentKind.RNN) s.append('-').append(nonlinearity.name().toLowerCase(Locale.ROOT));
        if (cell) {
            s.append(" cell");
        } else {
            s.append(" layers=").append(numLayers);
            if (bidirectional) s.append(" bidirectional");
            if (projSize > 0) s.append(" proj=").append(projSize);
            if (packed) s.append(" packed=").append(Arrays.toString(lengths()));
            s.append(batchFirst ? " batchFirst" : " timeMajor");
        }
        if (!bias) s.append(" noBias");
        s.append(" B=").append(batchSize);
        if (!cell) s.append(" T=").append(seqLength);
        return s.append(" I=").append(inputSize).append(" H=").append(hiddenSize).append(" seed=")
                .append(seed).toString();
    }
}
