package dev.rnn4j.lm;

import dev.rnn4j.kernel.GruGates;
import dev.rnn4j.kernel.InferenceMatrix;
import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.kernel.LstmGates;
import dev.rnn4j.kernel.RnnGates;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;

import java.util.Map;

/**
 * A trained {@link CharLanguageModel} frozen for generation: one character per step for each of n
 * independent streams, each weight matrix read once per step for all of them (one matrix product instead
 * of n matrix-vector products), its weights in float32, bf16 or int8 ({@link WeightPrecision}).
 *
 * <pre>{@code
 * InferenceModel m = InferenceModel.of(model, WeightPrecision.INT8);
 * InferenceModel.State s = m.newState(64);
 * m.step(tokens, s, logits);              // tokens[64] in, logits[64 × V] out, s advanced
 * }</pre>
 *
 * A stream's bits do not depend on n nor on the thread count (each output of a product is one multiply-add
 * chain, {@link InferenceMatrix}); in float32 they follow {@link CharLanguageModel#logits} one character at
 * a time to float32 rounding (the same sums, added in another order). Layer 0's input product has only V possible
 * inputs, so when V is at most the hidden size they are computed once ({@code W_ih e_v + b}, a V × G table) and each
 * step copies a row instead of reading W_ih.
 *
 * <p>Models this fast path does not cover (an embedding size other than the hidden size, LSTM {@code proj_size},
 * a ReLU RNN: typically imported ones) step through {@link CharLanguageModel#logits} itself, in float32 only;
 * there a stream of n equals its batch-1 run to rounding, not to the bit.
 */
public final class InferenceModel {
    private final RecurrentKind cell;
    private final WeightPrecision precision;
    private final int V, H, L, G;
    private final float[] embedding;                 // [V, H]
    private final float[] inputTable;                // [V, G] layer 0's input part, or null
    private final InferenceMatrix[] inputWeights;    // [L]: W_ih (layer 0's null with the table)
    private final InferenceMatrix[] recurrentWeights;
    private final float[][] inputBias;               // b_ih + b_hh (LSTM, RNN) or b_ih (GRU)
    private final float[][] hiddenBias;              // GRU's b_hh, kept apart for r ⊙ (W_hn h + b_hn)
    private final InferenceMatrix head;
    private final float[] headBias;
    private final CharLanguageModel general;         // non-null: the model steps itself (no fast path)

    private InferenceModel(CharLanguageModel model, WeightPrecision precision) {
        CharLmConfig c = model.config();
        this.cell = c.cell();
        this.precision = precision;
        this.V = c.vocabSize();
        this.H = c.hiddenSize();
        this.L = c.numLayers();
        this.G = cell.gates() * H;
        if (!fastPathFits(c)) {
            if (precision != WeightPrecision.FLOAT32) {
                throw new IllegalArgumentException(precision.name().toLowerCase(java.util.Locale.ROOT)
                        + " weights need a model whose embedding size equals its hidden size, without proj_size"
                        + " and without a ReLU RNN; this one is " + c + ": use float32 weights");
            }
            general = model;
            model.train(false);   // inference: no dropout
            embedding = inputTable = headBias = null;
            inputWeights = recurrentWeights = null;
            inputBias = hiddenBias = null;
            head = null;
            return;
        }
        general = null;
        Map<String, Parameter> p = model.stateDict();
        String rnn = c.recurrentName() + ".";
        this.embedding = copy(p.get("embedding.weight"));
        inputWeights = new InferenceMatrix[L];
        recurrentWeights = new InferenceMatrix[L];
        inputBias = new float[L][];
        hiddenBias = new float[L][];
        for (int l = 0; l < L; l++) {
            inputWeights[l] = matrix(p.get(rnn + "weight_ih_l" + l), G, H);
            recurrentWeights[l] = matrix(p.get(rnn + "weight_hh_l" + l), G, H);
            float[] bIh = copy(p.get(rnn + "bias_ih_l" + l)), bHh = copy(p.get(rnn + "bias_hh_l" + l));
            if (cell == RecurrentKind.GRU) {
                hiddenBias[l] = bHh;
            } else {
                for (int j = 0; j < G; j++) bIh[j] += bHh[j];
            }
            inputBias[l] = bIh;
        }
        head = matrix(p.get("head.weight"), V, H);
        headBias = copy(p.get("head.bias"));
        if (V <= H) {   // the table (V × G) is no larger than W_ih (G × H) and replaces reading it
            inputTable = new float[V * G];
            for (int v = 0; v < V; v++) System.arraycopy(inputBias[0], 0, inputTable, v * G, G);
            inputWeights[0].multiplyAdd(V, embedding, 0, H, inputTable, 0, G);
            inputWeights[0] = null;
        } else {
            inputTable = null;
        }
    }

    private static boolean fastPathFits(CharLmConfig c) {
        return c.embeddingSize() == c.hiddenSize() && c.projSize() == 0
                && (c.cell() != RecurrentKind.RNN || c.nonlinearity() != dev.rnn4j.nn.Nonlinearity.RELU);
    }

    /** The model's current weights converted to {@code precision}; later changes to the model are not seen. */
    public static InferenceModel of(CharLanguageModel model, WeightPrecision precision) {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        if (precision == null) throw new IllegalArgumentException("precision must not be null");
        return new InferenceModel(model, precision);
    }

    private InferenceMatrix matrix(Parameter w, int rows, int cols) {
        return InferenceMatrix.of(precision, rows, cols, w.data(), w.offset());
    }

    private static float[] copy(Parameter p) {
        return java.util.Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.size());
    }

    public WeightPrecision precision() { return precision; }

    public int vocabSize() { return V; }

    /**
     * Bytes of weights one step reads whatever the number of streams: the recurrent and input matrices,
     * the head, and per stream one row of the input table (or of the embedding).
     */
    public long weightBytesPerStep() {
        if (general != null) {
            return 4L * general.stateDict().values().stream().mapToLong(Parameter::size).sum();
        }
        long bytes = head.bytes() + 4L * (inputTable != null ? G : H);
        for (int l = 0; l < L; l++) {
            bytes += recurrentWeights[l].bytes();
            if (inputWeights[l] != null) bytes += inputWeights[l].bytes();
        }
        return bytes;
    }

    /** The carried state of n streams (zeros: PyTorch's default) and the step's work arrays. */
    public final class State {
        final int n;
        final float[][] h, c;           // [L][n·H]; c for LSTM only
        final float[] a, hg, hn, x;     // gate pre-activations, GRU's hidden part and its copy, layer-0 input
        final RecurrentState state;     // the model's own state when it steps itself, else null

        State(int n) {
            this.n = n;
            if (general != null) {
                state = general.zeroState(n);
                h = c = null;
                a = hg = hn = x = null;
                return;
            }
            state = null;
            h = new float[L][n * H];
            c = cell == RecurrentKind.LSTM ? new float[L][n * H] : null;
            a = new float[n * G];
            hg = cell == RecurrentKind.GRU ? new float[n * G] : null;
            hn = cell == RecurrentKind.GRU ? new float[n * H] : null;
            x = inputTable == null ? new float[n * H] : null;
        }

        public int streams() { return n; }

        /** Every stream takes stream {@code stream} of {@code from} (a state after a shared prime). */
        public void copyFrom(State from, int stream) {
            for (int b = 0; b < n; b++) copyStream(from, stream, b);
        }

        /**
         * Stream {@code to} takes stream {@code from} of {@code source} (this state or another of the same model): a
         * stream joining a batch after its own prime, or the last stream moved into a finished one's place.
         */
        public void copyStream(State source, int from, int to) {
            checkStream(source, from);
            checkStream(this, to);
            if (state != null) {
                copyRow(source.state, source.n, from, state, n, to);
                return;
            }
            for (int l = 0; l < L; l++) {
                System.arraycopy(source.h[l], from * H, h[l], to * H, H);
                if (c != null) System.arraycopy(source.c[l], from * H, c[l], to * H, H);
            }
        }

        /** Every stream takes a batch-1 state of the training model (layers, 1, H). */
        public void copyFrom(RecurrentState from) {
            if (state != null) {
                for (int b = 0; b < n; b++) copyRow(from, 1, 0, state, n, b);
                return;
            }
            for (int l = 0; l < L; l++) {
                for (int b = 0; b < n; b++) {
                    System.arraycopy(from.h().data(), l * H, h[l], b * H, H);
                    if (c != null) System.arraycopy(from.c().data(), l * H, c[l], b * H, H);
                }
            }
        }
    }

    private static void checkStream(State s, int stream) {
        if (stream < 0 || stream >= s.n) {
            throw new IllegalArgumentException("stream " + stream + " is outside [0, " + s.n + ")");
        }
    }

    /** Stream {@code to} of {@code target} (targetN streams) = stream {@code from} of {@code source}, h and c. */
    private static void copyRow(RecurrentState source, int sourceN, int from, RecurrentState target, int targetN,
                                int to) {
        copyRow(source.h(), sourceN, from, target.h(), targetN, to);
        if (source.c() != null) copyRow(source.c(), sourceN, from, target.c(), targetN, to);
    }

    /** Row {@code to} of every layer of {@code target} (layers, targetN, width) = row {@code from} of source's. */
    private static void copyRow(dev.rnn4j.tensor.Tensor source, int sourceN, int from, dev.rnn4j.tensor.Tensor target,
                                int targetN, int to) {
        int layers = source.shape()[0], width = source.shape()[2];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(source.data(), (l * sourceN + from) * width, target.data(), (l * targetN + to) * width,
                    width);
        }
    }

    public State newState(int streams) {
        if (streams < 1) throw new IllegalArgumentException("streams must be >= 1, got " + streams);
        return new State(streams);
    }

    /** Reads {@code tokens[b]} into stream b, writes its next-token logits to {@code logits[b·V ..]}. */
    public void step(int[] tokens, State s, float[] logits) {
        step(tokens, s.n, s, logits);
    }

    /**
     * {@link #step(int[], State, float[])} for the first {@code n} streams of {@code s} alone (the others keep their
     * state): a batch whose streams come and go keeps its live ones first. A stream's bits do not depend on n.
     */
    public void step(int[] tokens, int n, State s, float[] logits) {
        if (n < 1 || n > s.n) throw new IllegalArgumentException("n must be in [1, " + s.n + "], got " + n);
        if (tokens.length < n || logits.length < n * V) {
            throw new IllegalArgumentException("step of " + n + " streams needs " + n + " tokens and " + n * V
                    + " logits, got " + tokens.length + " and " + logits.length);
        }
        for (int b = 0; b < n; b++) {
            if (tokens[b] < 0 || tokens[b] >= V) {
                throw new IllegalArgumentException("token " + tokens[b] + " of stream " + b + " is outside [0, " + V
                        + ")");
            }
        }
        if (general != null) {
            generalStep(tokens, n, s, logits);
            return;
        }
        for (int l = 0; l < L; l++) {
            float[] a = s.a;
            if (l == 0 && inputTable != null) {
                for (int b = 0; b < n; b++) System.arraycopy(inputTable, tokens[b] * G, a, b * G, G);
            } else {
                float[] x = l == 0 ? s.x : s.h[l - 1];
                if (l == 0) for (int b = 0; b < n; b++) System.arraycopy(embedding, tokens[b] * H, x, b * H, H);
                for (int b = 0; b < n; b++) System.arraycopy(inputBias[l], 0, a, b * G, G);
                inputWeights[l].multiplyAdd(n, x, 0, H, a, 0, G);           // a = W_ih x + b
            }
            float[] h = s.h[l];
            if (cell == RecurrentKind.GRU) {
                for (int b = 0; b < n; b++) System.arraycopy(hiddenBias[l], 0, s.hg, b * G, G);
                recurrentWeights[l].multiplyAdd(n, h, 0, H, s.hg, 0, G);    // hg = W_hh h + b_hh
            } else {
                recurrentWeights[l].multiplyAdd(n, h, 0, H, a, 0, G);       // a += W_hh h
            }
            gates(s, l, n);
        }
        for (int b = 0; b < n; b++) System.arraycopy(headBias, 0, logits, b * V, V);
        head.multiplyAdd(n, s.h[L - 1], 0, H, logits, 0, V);
    }

    /** The model steps itself: on the state as it is, or on a copy of its first n streams, copied back after. */
    private void generalStep(int[] tokens, int n, State s, float[] logits) {
        int[] ids = tokens.length == n ? tokens : java.util.Arrays.copyOf(tokens, n);
        State live = s;
        if (n < s.n) {
            live = new State(n);
            for (int b = 0; b < n; b++) live.copyStream(s, b, b);
        }
        System.arraycopy(general.logits(ids, n, 1, live.state), 0, logits, 0, n * V);
        if (live != s) for (int b = 0; b < n; b++) s.copyStream(live, b, b);
    }

    /** The element-wise part of the step, streams split over the kernel threads (rows never interact). */
    private void gates(State s, int l, int n) {
        KernelPool.parallelRange(n, 8, (from, to) -> {
            for (int b = from; b < to; b++) {
                switch (cell) {
                    case LSTM -> LstmGates.forward(H, s.a, b * G, s.c[l], b * H, s.h[l], b * H);
                    case GRU -> GruGates.forward(H, s.a, b * G, s.hg, b * G, s.h[l], b * H, s.hn, b * H);
                    case RNN -> {
                        RnnGates.forward(H, false, s.a, b * H);
                        System.arraycopy(s.a, b * H, s.h[l], b * H, H);
                    }
                }
            }
        });
    }
}
