package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Global attention with the "general" score of Luong, Pham and Manning (2015), over flat arrays:
 * <pre>
 *   score(t, s) = h_t · (W_a e_s)              for source positions s below the sentence's length
 *   a(t, ·)     = softmax_s score(t, ·)
 *   c_t         = Σ_s a(t, s) e_s
 *   h̃_t         = tanh(W_c [c_t ; h_t])
 * </pre>
 * with decoder outputs {@code h (B, T, H)} and encoder outputs {@code e (B, S, H)}. Forward and backward
 * are in this file: {@link #forward} saves the keys, weights and concatenations that {@link #backward} needs.
 *
 * <pre>{@code
 * LuongAttention att = new LuongAttention(256, rng);
 * LuongAttention.Saved s = att.forward(enc, srcLen, B, S, dec, T);   // s.output(): (B·T·H)
 * att.backward(s, dOutput, dEnc, dDec);                              // dEnc accumulates, dDec is overwritten
 * }</pre>
 */
public final class LuongAttention implements Module {
    private final int hidden;
    private final Linear score;     // W_a, (H, H)
    private final Linear combine;   // W_c, (H, 2H)

    /** Everything backward needs; {@code weights} (B, T, S) are the attention weights, 0 beyond a source's end. */
    public record Saved(float[] enc, int[] srcLen, int B, int S, float[] dec, int T, float[] keys, float[] weights,
                        float[] concat, float[] output) {}

    /** Attention over {@code hidden}-wide encoder and decoder outputs; both weight matrices drawn from {@code rng}. */
    public LuongAttention(int hidden, Rng rng) {
        if (hidden < 1) throw new IllegalArgumentException("attention hidden size must be at least 1, got " + hidden);
        this.hidden = hidden;
        this.score = new Linear(hidden, hidden, false, rng.split());
        this.combine = new Linear(2 * hidden, hidden, false, rng.split());
    }

    /** W_a, without bias: state_dict names {@code score.weight}. */
    public Linear scoreLayer() { return score; }

    /** W_c, without bias, over {@code [c_t ; h_t]}. */
    public Linear combineLayer() { return combine; }

    /** H, the width of the encoder and decoder outputs and of the attentional output. */
    public int hidden() { return hidden; }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(score.parameters());
        all.addAll(combine.parameters());
        return all;
    }

    @Override
    public void train(boolean training) {}

    /**
     * One attention pass as a {@link Call}: its output is h̃ (B, T, H), its backward returns the gradient of
     * the decoder outputs and accumulates that of the encoder outputs into {@link #dEncoder()}.
     */
    public final class AttentionCall implements Call {
        private final Saved saved;
        private final Tensor output;
        private final Tensor dEncoder;

        private AttentionCall(Saved saved) {
            this.saved = saved;
            this.output = new Tensor(saved.output(), saved.B(), saved.T(), hidden);
            this.dEncoder = Tensor.zeros(saved.B(), saved.S(), hidden);
        }

        /** What {@link LuongAttention#forward} saved, the attention weights among it. */
        public Saved saved() { return saved; }

        @Override
        public Tensor output() { return output; }

        /** Returns dDec (B, T, H); dEnc accumulates into {@link #dEncoder()} across backward calls. */
        @Override
        public Tensor backward(Tensor dOutput) {
            if (dOutput.numel() != output.numel()) {
                throw new IllegalArgumentException("attention backward expects a gradient of shape "
                        + Shapes.str(output.shape()) + ", got " + Shapes.str(dOutput.shape()));
            }
            Tensor dDec = Tensor.zeros(saved.B(), saved.T(), hidden);
            LuongAttention.this.backward(saved, dOutput.data(), dEncoder.data(), dDec.data());
            return dDec;
        }

        /** The encoder outputs' gradient, (B, S, H), summed over this call's backward passes. */
        public Tensor dEncoder() { return dEncoder; }
    }

    /** The contract form of {@link #forward}: {@code enc} (B, S, H), {@code dec} (B, T, H). */
    public AttentionCall call(Tensor enc, int[] srcLen, Tensor dec) {
        if (enc.rank() != 3 || dec.rank() != 3 || enc.size(0) != dec.size(0)) {
            throw new IllegalArgumentException("attention expects enc (B, S, H) and dec (B, T, H), got "
                    + Shapes.str(enc.shape()) + " and " + Shapes.str(dec.shape()));
        }
        return new AttentionCall(forward(enc.data(), srcLen, enc.size(0), enc.size(1), dec.data(), dec.size(1)));
    }

    /**
     * Attends from every decoder step over the first {@code srcLen[b]} encoder steps of its row.
     *
     * @param enc    (B, S, H) encoder outputs
     * @param srcLen (B) source lengths, each in 1..S
     * @param dec    (B, T, H) decoder outputs
     * @return what backward needs; {@code output()} is h̃ (B, T, H)
     */
    public Saved forward(float[] enc, int[] srcLen, int B, int S, float[] dec, int T) {
        int H = hidden;
        if (enc.length != B * S * H || dec.length != B * T * H || srcLen.length != B) {
            throw new IllegalArgumentException("attention expects enc (B=" + B + ", S=" + S + ", H=" + H + ") = "
                    + B * S * H + " values, dec (B, T=" + T + ", H) = " + B * T * H + " and " + B
                    + " source lengths, got " + enc.length + ", " + dec.length + " and " + srcLen.length);
        }
        for (int len : srcLen) {
            if (len < 1 || len > S) {
                throw new IllegalArgumentException("source lengths must be in 1.." + S + ", got " + len);
            }
        }
        float[] keys = new float[B * S * H];
        score.forward(enc, B * S, keys);
        float[] weights = new float[B * T * S], concat = new float[B * T * 2 * H];
        for (int b = 0; b < B; b++) {
            int len = srcLen[b];
            for (int t = 0; t < T; t++) {
                int q = (b * T + t) * H, w = (b * T + t) * S;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < len; s++) {
                    weights[w + s] = dot(dec, q, keys, (b * S + s) * H, H);
                    max = Math.max(max, weights[w + s]);
                }
                double sum = 0;
                for (int s = 0; s < len; s++) sum += Math.exp(weights[w + s] - max);
                int c = (b * T + t) * 2 * H;
                for (int s = 0; s < len; s++) {
                    float a = (float) (Math.exp(weights[w + s] - max) / sum);
                    weights[w + s] = a;
                    int e = (b * S + s) * H;
                    for (int k = 0; k < H; k++) concat[c + k] += a * enc[e + k];
                }
                System.arraycopy(dec, q, concat, c + H, H);
            }
        }
        float[] output = new float[B * T * H];
        combine.forward(concat, B * T, output);
        for (int i = 0; i < output.length; i++) output[i] = (float) Math.tanh(output[i]);
        return new Saved(enc, srcLen, B, S, dec, T, keys, weights, concat, output);
    }

    /** Accumulates into {@code dEnc} (B·S·H) and the layer's parameters; overwrites {@code dDec} (B·T·H). */
    public void backward(Saved s, float[] dOutput, float[] dEnc, float[] dDec) {
        int H = hidden, B = s.B(), S = s.S(), T = s.T();
        float[] dPre = new float[dOutput.length];
        // tanh' = 1 − tanh²
        for (int i = 0; i < dPre.length; i++) dPre[i] = dOutput[i] * (1 - s.output()[i] * s.output()[i]);
        float[] dConcat = new float[B * T * 2 * H];
        combine.backward(s.concat(), dPre, B * T, dConcat);
        float[] dKeys = new float[B * S * H];
        float[] da = new float[S];
        for (int b = 0; b < B; b++) {
            int len = s.srcLen()[b];
            for (int t = 0; t < T; t++) {
                int c = (b * T + t) * 2 * H, q = (b * T + t) * H, w = (b * T + t) * S;
                System.arraycopy(dConcat, c + H, dDec, q, H);
                // Context c = Σ a_s e_s: da_s = dc·e_s, de_s += a_s dc.
                double weighted = 0;
                for (int s2 = 0; s2 < len; s2++) {
                    int e = (b * S + s2) * H;
                    float a = s.weights()[w + s2];
                    da[s2] = dot(dConcat, c, s.enc(), e, H);
                    weighted += a * da[s2];
                    for (int k = 0; k < H; k++) dEnc[e + k] += a * dConcat[c + k];
                }
                // Softmax: dscore_s = a_s (da_s − Σ_j a_j da_j);
                // score = h·key: dh += dscore·key, dkey += dscore·h.
                for (int s2 = 0; s2 < len; s2++) {
                    float g = (float) (s.weights()[w + s2] * (da[s2] - weighted));
                    int e = (b * S + s2) * H;
                    for (int k = 0; k < H; k++) {
                        dDec[q + k] += g * s.keys()[e + k];
                        dKeys[e + k] += g * s.dec()[q + k];
                    }
                }
            }
        }
        float[] dEncFromKeys = new float[B * S * H];
        score.backward(s.enc(), dKeys, B * S, dEncFromKeys);
        for (int i = 0; i < dEncFromKeys.length; i++) dEnc[i] += dEncFromKeys[i];
    }

    private static float dot(float[] x, int xo, float[] y, int yo, int n) {
        float sum = 0f;
        for (int k = 0; k < n; k++) sum += x[xo + k] * y[yo + k];
        return sum;
    }
}
