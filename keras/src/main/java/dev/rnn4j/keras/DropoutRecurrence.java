package dev.rnn4j.keras;

import dev.rnn4j.kernel.Activations;
import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * A Keras recurrent layer's recurrence in training with {@code dropout} or {@code recurrent_dropout}, as Keras's
 * cells compute it. Each call draws one mask per sequence of the batch and keeps it for every step: its entries are 0
 * with probability {@code rate} and 1/(1 − rate) otherwise. The input mask multiplies x_t before the input kernel; the
 * recurrent mask multiplies h_{t−1} before the recurrent kernel only (an LSTM's carried state and a GRU's
 * {@code z ⊙ h_{t−1}} keep the unmasked h). An LSTM or GRU with {@code recurrent_dropout}, or with
 * {@code implementation=1}, draws a mask pair per gate, as Keras's implementation 1 does; otherwise one input mask
 * serves all gates. Both directions of a Bidirectional layer draw their own.
 *
 * <p>One input mask for all gates and no recurrent one (Keras's {@code dropout} alone, one direction) is the core
 * network on the masked input. Otherwise: the core layers multiply one h by all gates' recurrent weights at once
 * inside their time loop, which per-gate or recurrent masks cannot use, so a loop here runs the same equations step
 * by step with a product per gate block. With every mask 1 it gives the core network's results (tested); Keras too
 * leaves its fused path when recurrent dropout is on.
 *
 * <pre>{@code
 * DropoutRecurrence loop = new DropoutRecurrence(spec, inputSize, directions, network);
 * RecurrentPass pass = loop.forward(x, lengths, h0, c0, loop.draw(rng, batch));
 * RecurrentGradients g = pass.backward(dOutput, dHn, dCn);
 * }</pre>
 */
final class DropoutRecurrence {
    /** The PyTorch block [r, z, n] that each of Keras's GRU gates [z, r, h] (its mask order) is. */
    private static final int[] GRU_BLOCK_OF_KERAS_GATE = {1, 0, 2};

    private final RecurrentKind kind;
    private final int H, F, D, gates;
    private final boolean resetAfter, relu, maskPerGate;
    private final GateFunction gate;
    private final double inputRate, recurrentRate;
    private final Parameter[] wIh, wHh, bIh, bHh;      // per direction; the biases null without bias
    private final RecurrentNetwork network;

    DropoutRecurrence(Recurrent spec, int inputSize, int directions, RecurrentNetwork network) {
        this.kind = spec.kind;
        this.H = spec.units;
        this.F = inputSize;
        this.D = directions;
        this.gates = kind.gates();
        this.resetAfter = !(spec instanceof GRU g) || g.resetAfter;
        this.relu = spec.activation == Activation.RELU;
        this.gate = spec.recurrentActivation;
        this.inputRate = spec.dropout;
        this.recurrentRate = spec.recurrentDropout;
        this.maskPerGate = kind != RecurrentKind.RNN && (spec.recurrentDropout > 0 || spec.implementation == 1);
        this.network = network;
        this.wIh = new Parameter[D];
        this.wHh = new Parameter[D];
        this.bIh = new Parameter[D];
        this.bHh = new Parameter[D];
        for (int d = 0; d < D; d++) {
            String suffix = "_l0" + (d == 1 ? "_reverse" : "");
            wIh[d] = network.parameter("weight_ih" + suffix);
            wHh[d] = network.parameter("weight_hh" + suffix);
            if (spec.useBias) {
                bIh[d] = network.parameter("bias_ih" + suffix);
                bHh[d] = network.parameter("bias_hh" + suffix);
            }
        }
    }

    /**
     * One call's masks, [direction][gate block in PyTorch's order] → (B, F) input or (B, H) recurrent multipliers;
     * null where that kind of dropout is off. Gate blocks share one array when one mask serves them all.
     */
    record Masks(float[][][] input, float[][][] recurrent) {}

    /** Draws a call's masks from {@code rng}: per direction, the input masks, then the recurrent ones. */
    Masks draw(Rng rng, int batch) {
        float[][][] input = new float[D][][], recurrent = new float[D][][];
        for (int d = 0; d < D; d++) {
            input[d] = draw(rng, inputRate, batch * F);
            recurrent[d] = draw(rng, recurrentRate, batch * H);
        }
        return place(input, recurrent);
    }

    /** Keras's masks of one kind, in its gate order: one per gate, or one for all, or none when the rate is 0. */
    private float[][] draw(Rng rng, double rate, int n) {
        if (rate == 0) return new float[0][];
        float[][] masks = new float[maskPerGate ? gates : 1][n];
        float kept = (float) (1 / (1 - rate));
        for (float[] m : masks) {
            for (int i = 0; i < n; i++) m[i] = rng.nextDouble() < rate ? 0f : kept;
        }
        return masks;
    }

    /**
     * Masks as Keras holds them, [direction][its gate order] (one entry for all gates, or none), placed on the
     * PyTorch gate blocks: a GRU's [z, r, h] are blocks [1, 0, 2].
     */
    Masks place(float[][][] input, float[][][] recurrent) {
        float[][][] in = new float[D][gates][], rec = new float[D][gates][];
        for (int d = 0; d < D; d++) {
            place(input[d], in[d]);
            place(recurrent[d], rec[d]);
        }
        return new Masks(in, rec);
    }

    private void place(float[][] keras, float[][] blocks) {
        if (keras.length == 1) Arrays.fill(blocks, keras[0]);
        else if (keras.length == gates) {
            for (int j = 0; j < gates; j++) {
                blocks[kind == RecurrentKind.GRU ? GRU_BLOCK_OF_KERAS_GATE[j] : j] = keras[j];
            }
        } else if (keras.length != 0) {
            throw new IllegalArgumentException("expected 0, 1 or " + gates + " masks, got " + keras.length);
        }
    }

    /**
     * The forward over x (B, T, F) with sequence lengths (null: all T; a reverse direction starts at each row's last
     * real step) from h0, c0 (D, B, H; null for zeros).
     */
    RecurrentPass forward(Tensor x, int[] lengths, Tensor h0, Tensor c0, Masks masks) {
        return oneInputMask(masks) ? throughNetwork(x, lengths, h0, c0, masks.input[0][0]) : loop(x, lengths, h0, c0,
                masks);
    }

    /**
     * Whether the masks are one input mask for all gates of one direction and no recurrent ones (Keras's
     * {@code dropout} alone with implementation 2, the common case): then the core network runs on the masked input.
     */
    private boolean oneInputMask(Masks masks) {
        if (D != 1) return false;
        for (int k = 0; k < gates; k++) {
            if (masks.recurrent[0][k] != null || masks.input[0][k] != masks.input[0][0]) return false;
        }
        return true;
    }

    /** The core network on x ⊙ mask (the mask (B, F) the same at every step); dx is then the network's ⊙ mask. */
    private RecurrentPass throughNetwork(Tensor x, int[] lengths, Tensor h0, Tensor c0, float[] mask) {
        float[] masked = timesMaskPerStep(x, mask);
        RecurrentOutput out = network.forward(new Tensor(masked, x.shape()), lengths, h0, c0);
        return RecurrentPass.of(network, out, dx -> new Tensor(timesMaskPerStep(dx, mask), dx.shape()));
    }

    /** v (B, T, F) times mask (B, F) at every step, in a new array. */
    private static float[] timesMaskPerStep(Tensor v, float[] mask) {
        if (mask == null) return v.data().clone();
        return timesMaskPerStep(v.data(), v.size(0), v.size(1), v.size(2), mask);
    }

    private static float[] timesMaskPerStep(float[] in, int B, int T, int F, float[] mask) {
        float[] out = new float[in.length];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int row = (b * T + t) * F;
                for (int f = 0; f < F; f++) out[row + f] = in[row + f] * mask[b * F + f];
            }
        }
        return out;
    }

    /** The step loop: {@link #forward} whatever the masks. */
    RecurrentPass loop(Tensor x, int[] lengths, Tensor h0, Tensor c0, Masks masks) {
        int B = x.size(0), T = x.size(1);
        Pass pass = new Pass(x.data(), B, T, lengths, masks);
        for (int d = 0; d < D; d++) forwardDirection(pass, d, h0, c0);
        return pass;
    }

    private void forwardDirection(Pass p, int d, Tensor h0, Tensor c0) {
        int B = p.B, G = gates * H;
        float[] h = new float[B * H], c = kind == RecurrentKind.LSTM ? new float[B * H] : null;
        if (h0 != null) System.arraycopy(h0.data(), d * B * H, h, 0, B * H);
        if (c0 != null) System.arraycopy(c0.data(), d * B * H, c, 0, B * H);
        float[][] recMask = p.masks.recurrent[d];
        // the input side of every step at once: W_ih (x ⊙ m) + b_ih for all B·T rows, each gate block with its mask
        float[] projected = new float[B * p.T * G];
        float[][] xMasked = p.maskedInputs(d);
        for (int k = 0; k < gates; k++) {
            Gemm.sgemm(false, true, B * p.T, H, F, xMasked[k], 0, F, wIh[d].data(), wIh[d].offset() + k * H * F, F,
                    0f, projected, k * H, G);
        }
        addBias(projected, B * p.T, G, 0, G, bIh[d]);
        for (int s = 0; s < p.T; s++) {
            float[] a = new float[B * G];            // the pre-activations, then the gates' values
            for (int b = 0; b < B; b++) {
                if (p.active(b, s)) System.arraycopy(projected, (b * p.T + p.time(b, s, d)) * G, a, b * G, G);
            }
            p.hPrev[d][s] = h.clone();
            int plain = kind == RecurrentKind.GRU ? 2 : gates;    // blocks whose recurrent term is a plain product
            for (int k = 0; k < plain; k++) {
                Gemm.sgemm(false, true, B, H, H, masked(h, recMask[k]), 0, H, wHh[d].data(),
                        wHh[d].offset() + k * H * H, H, 1f, a, k * H, G);
            }
            addBias(a, B, G, 0, plain * H, bHh[d]);
            float[] hNew = new float[B * H], cNew = c == null ? null : new float[B * H];
            switch (kind) {
                case LSTM -> {
                    lstmCell(a, c, B, hNew, cNew);
                    p.cPrev[d][s] = c.clone();
                    p.extra[d][s] = cNew;
                }
                case GRU -> p.extra[d][s] = gruCandidate(a, h, recMask[2], B, d, hNew);
                case RNN -> {
                    if (relu) {
                        for (int e = 0; e < B * H; e++) a[e] = Math.max(0f, a[e]);
                    } else {
                        Activations.tanhInPlace(a, 0, B * H);
                    }
                    System.arraycopy(a, 0, hNew, 0, B * H);
                }
            }
            p.act[d][s] = a;
            for (int b = 0; b < B; b++) {
                if (!p.active(b, s)) continue;
                System.arraycopy(hNew, b * H, h, b * H, H);
                if (c != null) System.arraycopy(cNew, b * H, c, b * H, H);
                System.arraycopy(hNew, b * H, p.y, (b * p.T + p.time(b, s, d)) * D * H + d * H, H);
            }
        }
        System.arraycopy(h, 0, p.hN, d * B * H, B * H);
        if (c != null) System.arraycopy(c, 0, p.cN, d * B * H, B * H);
    }

    /** An LSTM step from its pre-activations: i, f, g, o into {@code a}, the new cell and state into cNew, hNew. */
    private void lstmCell(float[] a, float[] c, int B, float[] hNew, float[] cNew) {
        int G = 4 * H;
        for (int b = 0; b < B; b++) {
            gateInPlace(a, b * G, 2 * H);
            Activations.tanhInPlace(a, b * G + 2 * H, H);
            gateInPlace(a, b * G + 3 * H, H);
            for (int j = 0; j < H; j++) {
                int g = b * G + j, e = b * H + j;
                cNew[e] = a[g + H] * c[e] + a[g] * a[g + 2 * H];        // f ⊙ c + i ⊙ g
            }
        }
        System.arraycopy(cNew, 0, hNew, 0, B * H);
        Activations.tanhInPlace(hNew, 0, B * H);
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < H; j++) hNew[b * H + j] *= a[b * G + 3 * H + j];      // o ⊙ tanh(c)
        }
    }

    /**
     * A GRU step after its r and z pre-activations are complete: r, z and n into {@code a}, the new state into hNew.
     * Returns what backward needs of the n block: {@code U_n (h ⊙ m_n) + b_hn} with the reset gate after the
     * product, {@code r ⊙ h ⊙ m_n} with it before.
     */
    private float[] gruCandidate(float[] a, float[] h, float[] nMask, int B, int d, float[] hNew) {
        int G = 3 * H;
        for (int b = 0; b < B; b++) gateInPlace(a, b * G, 2 * H);
        float[] hn = masked(h, nMask), q = new float[B * H];
        int nRows = wHh[d].offset() + 2 * H * H;
        if (resetAfter) {
            Gemm.sgemm(false, true, B, H, H, hn, 0, H, wHh[d].data(), nRows, H, 0f, q, 0, H);
            addBias(q, B, H, 0, H, bHh[d], 2 * H);
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < H; j++) a[b * G + 2 * H + j] += a[b * G + j] * q[b * H + j];
            }
        } else {
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < H; j++) q[b * H + j] = a[b * G + j] * hn[b * H + j];
            }
            Gemm.sgemm(false, true, B, H, H, q, 0, H, wHh[d].data(), nRows, H, 1f, a, 2 * H, G);
            addBias(a, B, G, 2 * H, 3 * H, bHh[d]);
        }
        for (int b = 0; b < B; b++) {
            Activations.tanhInPlace(a, b * G + 2 * H, H);
            for (int j = 0; j < H; j++) {
                int g = b * G + j, e = b * H + j;
                float z = a[g + H], n = a[g + 2 * H];
                hNew[e] = (1 - z) * n + z * h[e];
            }
        }
        return q;
    }

    /** What a forward saved for its backward, and its results. */
    private final class Pass implements RecurrentPass {
        final float[] x;
        final int B, T;
        final int[] lengths;
        final Masks masks;
        final float[][][] hPrev, cPrev, act, extra;      // [direction][step]: see forwardDirection
        final float[] y, hN, cN;
        private boolean backwardRan;

        Pass(float[] x, int B, int T, int[] lengths, Masks masks) {
            this.x = x;
            this.B = B;
            this.T = T;
            this.lengths = lengths;
            this.masks = masks;
            this.hPrev = new float[D][T][];
            this.cPrev = new float[D][T][];
            this.act = new float[D][T][];
            this.extra = new float[D][T][];
            this.y = new float[B * T * D * H];
            this.hN = new float[D * B * H];
            this.cN = kind == RecurrentKind.LSTM ? new float[D * B * H] : null;
        }

        boolean active(int b, int s) { return lengths == null || s < lengths[b]; }

        /** The time index of row b's s-th processed step in direction d. */
        int time(int b, int s, int d) {
            int len = lengths == null ? T : lengths[b];
            return d == 1 ? len - 1 - s : s;
        }

        /**
         * x (B·T rows of F) times each gate block's input mask of direction d, the sequence's mask at every step;
         * blocks that share a mask share the array, and without masks every entry is x.
         */
        float[][] maskedInputs(int d) {
            float[][] masks = this.masks.input[d], out = new float[gates][];
            for (int k = 0; k < gates; k++) {
                out[k] = k > 0 && masks[k] == masks[k - 1] ? out[k - 1] : perStep(masks[k]);
            }
            return out;
        }

        /** Each gate block's input mask of direction d repeated for every step, (B·T, F); null where none. */
        float[][] perStepMasks(int d) {
            float[][] masks = this.masks.input[d], out = new float[gates][];
            for (int k = 0; k < gates; k++) {
                if (masks[k] == null) continue;
                if (k > 0 && masks[k] == masks[k - 1]) {
                    out[k] = out[k - 1];
                    continue;
                }
                out[k] = new float[B * T * F];
                for (int b = 0; b < B; b++) {
                    for (int t = 0; t < T; t++) System.arraycopy(masks[k], b * F, out[k], (b * T + t) * F, F);
                }
            }
            return out;
        }

        /** x times mask (B, F) at every step, or x itself without a mask. */
        private float[] perStep(float[] mask) { return mask == null ? x : timesMaskPerStep(x, B, T, F, mask); }

        @Override
        public Tensor output() { return new Tensor(y, B, T, D * H); }

        @Override
        public Tensor hN() { return new Tensor(hN, D, B, H); }

        @Override
        public Tensor cN() { return cN == null ? null : new Tensor(cN, D, B, H); }

        @Override
        public RecurrentGradients backward(Tensor dOutput, Tensor dHn, Tensor dCn) {
            if (backwardRan) throw new IllegalStateException("backward already ran for this call");
            backwardRan = true;
            float[] dx = new float[B * T * F], dh0 = new float[D * B * H];
            float[] dc0 = kind == RecurrentKind.LSTM ? new float[D * B * H] : null;
            for (int d = 0; d < D; d++) {
                backwardDirection(this, d, dOutput == null ? null : dOutput.data(), dHn, dCn, dx, dh0, dc0);
            }
            return new RecurrentGradients(new Tensor(dx, B, T, F), new Tensor(dh0, D, B, H),
                    dc0 == null ? null : new Tensor(dc0, D, B, H));
        }
    }

    private void backwardDirection(Pass p, int d, float[] dy, Tensor dHn, Tensor dCn, float[] dx, float[] dh0,
                                   float[] dc0) {
        int B = p.B, T = p.T, G = gates * H;
        float[] dh = new float[B * H], dc = kind == RecurrentKind.LSTM ? new float[B * H] : null;
        if (dHn != null) System.arraycopy(dHn.data(), d * B * H, dh, 0, B * H);
        if (dCn != null) System.arraycopy(dCn.data(), d * B * H, dc, 0, B * H);
        float[][] recMask = p.masks.recurrent[d];
        float[] dProjected = new float[B * T * G];      // dL/d input-side pre-activations of every (b, t) row
        for (int s = T - 1; s >= 0; s--) {
            for (int b = 0; dy != null && b < B; b++) {
                if (!p.active(b, s)) continue;
                int from = (b * T + p.time(b, s, d)) * D * H + d * H;
                for (int j = 0; j < H; j++) dh[b * H + j] += dy[from + j];
            }
            float[] a = p.act[d][s], hp = p.hPrev[d][s];
            float[] dIn = new float[B * G];          // dL/d input-side pre-activations
            float[] dRec = dIn;                      // dL/d recurrent-side ones: the same but for a GRU's n block
            float[] dhPrev = new float[B * H], dcPrev = dc == null ? null : new float[B * H];
            switch (kind) {
                case LSTM -> {
                    float[] cp = p.cPrev[d][s], cn = p.extra[d][s];
                    for (int b = 0; b < B; b++) {
                        if (!p.active(b, s)) continue;
                        for (int j = 0; j < H; j++) {
                            int g = b * G + j, e = b * H + j;
                            float i = a[g], f = a[g + H], cand = a[g + 2 * H], o = a[g + 3 * H];
                            float tc = Activations.tanh(cn[e]);
                            float dcTotal = dc[e] + dh[e] * o * (1 - tc * tc);
                            dIn[g] = dcTotal * cand * gate.derivative(i);
                            dIn[g + H] = dcTotal * cp[e] * gate.derivative(f);
                            dIn[g + 2 * H] = dcTotal * i * (1 - cand * cand);
                            dIn[g + 3 * H] = dh[e] * tc * gate.derivative(o);
                            dcPrev[e] = dcTotal * f;
                        }
                    }
                }
                case GRU -> dRec = gruBackward(p, d, s, dh, dIn, dhPrev, recMask[2]);
                case RNN -> {
                    for (int b = 0; b < B; b++) {
                        if (!p.active(b, s)) continue;
                        for (int e = b * H; e < (b + 1) * H; e++) {
                            dIn[e] = dh[e] * (relu ? (a[e] > 0 ? 1f : 0f) : 1 - a[e] * a[e]);
                        }
                    }
                }
            }
            for (int b = 0; b < B; b++) {                // the input side's products come after the sweep
                if (p.active(b, s)) System.arraycopy(dIn, b * G, dProjected, (b * T + p.time(b, s, d)) * G, G);
            }
            // the recurrent side: dW_hh += dRecᵀ (h ⊙ m), dh_{t−1} += (dRec W_hh) ⊙ m, per gate block whose
            // recurrent term is a plain product (a GRU's n block with the reset gate before it was done above)
            blockGradients(kind == RecurrentKind.GRU && !resetAfter ? 2 : gates, B, dRec, maskedEach(hp, recMask),
                    recMask, wHh[d], H, dhPrev);
            addColumnSums(dRec, B, G, 0, G, bHh[d]);
            for (int b = 0; b < B; b++) {                // rows past their length pass their state's gradient on
                if (p.active(b, s)) continue;
                System.arraycopy(dh, b * H, dhPrev, b * H, H);
                if (dc != null) System.arraycopy(dc, b * H, dcPrev, b * H, H);
            }
            dh = dhPrev;
            dc = dcPrev;
        }
        System.arraycopy(dh, 0, dh0, d * B * H, B * H);
        if (dc != null) System.arraycopy(dc, 0, dc0, d * B * H, B * H);
        // the input side over all B·T rows: dW_ih += dInᵀ (x ⊙ m), dx += (dIn W_ih) ⊙ m per gate block (both
        // directions read x: their parts add up); padded rows' dIn are zeros
        blockGradients(gates, B * T, dProjected, p.maskedInputs(d), p.perStepMasks(d), wIh[d], F, dx);
        addColumnSums(dProjected, B * T, G, 0, G, bIh[d]);
    }

    /**
     * A GRU step's gradients: dL/d pre-activation into dIn (input side) and the returned recurrent side's, and
     * the direct term {@code z ⊙ dh} of dL/dh_{t−1} into dhPrev. With the reset gate before the product, the n
     * block's recurrent weight gradient and its part of dhPrev are done here, as r's gradient needs that product.
     */
    private float[] gruBackward(DropoutRecurrence.Pass p, int d, int s, float[] dh, float[] dIn, float[] dhPrev,
                                float[] nMask) {
        int B = p.B, G = 3 * H;
        float[] a = p.act[d][s], hp = p.hPrev[d][s], q = p.extra[d][s];
        float[] dRec = dIn.clone(), dn = new float[B * H];
        for (int b = 0; b < B; b++) {
            if (!p.active(b, s)) continue;
            for (int j = 0; j < H; j++) {
                int g = b * G + j, e = b * H + j;
                float z = a[g + H], n = a[g + 2 * H];
                dn[e] = dh[e] * (1 - z) * (1 - n * n);
                dIn[g + H] = dh[e] * (hp[e] - n) * gate.derivative(z);
                dIn[g + 2 * H] = dn[e];
                dhPrev[e] = dh[e] * z;
            }
        }
        float[] dr = new float[B * H];
        if (resetAfter) {                            // n = tanh(a_n + r ⊙ q), q = U_n (h ⊙ m_n) + b_hn
            for (int e = 0; e < B * H; e++) {
                int g = (e / H) * G + e % H;
                dr[e] = dn[e] * q[e];
                dRec[g + 2 * H] = dn[e] * a[g];
            }
        } else {                                     // n = tanh(a_n + U_n q + b_hn), q = r ⊙ h ⊙ m_n
            int nRows = wHh[d].offset() + 2 * H * H;
            float[] dq = new float[B * H], hn = masked(hp, nMask);
            Gemm.sgemm(true, false, H, H, B, dn, 0, H, q, 0, H, 1f, wHh[d].grad(), nRows, H);
            Gemm.sgemm(false, false, B, H, H, dn, 0, H, wHh[d].data(), nRows, H, 0f, dq, 0, H);
            for (int e = 0; e < B * H; e++) {
                int g = (e / H) * G + e % H;
                dr[e] = dq[e] * hn[e];
                dRec[g + 2 * H] = dn[e];
                float dhn = dq[e] * a[g];
                dhPrev[e] += nMask == null ? dhn : dhn * nMask[e];
            }
        }
        for (int e = 0; e < B * H; e++) {
            int g = (e / H) * G + e % H;
            dIn[g] = dr[e] * gate.derivative(a[g]);
        }
        for (int b = 0; b < B; b++) {                // r and z: the recurrent side's gradient is the input side's
            System.arraycopy(dIn, b * G, dRec, b * G, 2 * H);
        }
        return dRec;
    }

    /**
     * For gate blocks [0, blocks): {@code dW_k += dPre_kᵀ v_k} and {@code out += (dPre_k W_k) ⊙ m_k}, with v_k the
     * block's masked operand (rows × n), m_k its mask (rows × n, or null), W_k the block's H rows of {@code weight}
     * and dPre (rows, gates·H).
     */
    private void blockGradients(int blocks, int rows, float[] dPre, float[][] operands, float[][] masks,
                                Parameter weight, int n, float[] out) {
        int G = gates * H;
        float[] part = new float[rows * n];
        for (int k = 0; k < blocks; k++) {
            int w = weight.offset() + k * H * n;
            Gemm.sgemm(true, false, H, n, rows, dPre, k * H, G, operands[k], 0, n, 1f, weight.grad(), w, n);
            Gemm.sgemm(false, false, rows, n, H, dPre, k * H, G, weight.data(), w, n, 0f, part, 0, n);
            addMasked(out, part, masks[k]);
        }
    }

    /** v ⊙ each block's mask (v itself where a block has none). */
    private static float[][] maskedEach(float[] v, float[][] masks) {
        float[][] out = new float[masks.length][];
        for (int k = 0; k < masks.length; k++) {
            out[k] = k > 0 && masks[k] == masks[k - 1] ? out[k - 1] : masked(v, masks[k]);
        }
        return out;
    }

    /**
     * The gate function over {@code a[off, off + n)}: the core kernels' sigmoid (the same bits in every JIT tier, so
     * a seed gives the same training), or a hard sigmoid's exact arithmetic.
     */
    private void gateInPlace(float[] a, int off, int n) {
        if (gate == GateFunction.SIGMOID) Activations.sigmoidInPlace(a, off, n);
        else for (int i = off; i < off + n; i++) a[i] = gate.apply(a[i]);
    }

    /** v ⊙ mask, or v itself without a mask. */
    private static float[] masked(float[] v, float[] mask) {
        if (mask == null) return v;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * mask[i];
        return out;
    }

    /** sum += part ⊙ mask (or part). */
    private static void addMasked(float[] sum, float[] part, float[] mask) {
        for (int i = 0; i < sum.length; i++) sum[i] += mask == null ? part[i] : part[i] * mask[i];
    }

    /** Adds bias entries [from, to) to columns [from, to) of each of the B rows of a (B, width). */
    private static void addBias(float[] a, int B, int width, int from, int to, Parameter bias) {
        addBias(a, B, width, from, to, bias, from);
    }

    /** As above, the bias read from entry {@code biasFrom} on. */
    private static void addBias(float[] a, int B, int width, int from, int to, Parameter bias, int biasFrom) {
        if (bias == null) return;
        float[] v = bias.data();
        int off = bias.offset() + biasFrom;
        for (int b = 0; b < B; b++) {
            for (int j = from; j < to; j++) a[b * width + j] += v[off + j - from];
        }
    }

    /** bias.grad[from, to) += the column sums of columns [from, to) of g (B, width). */
    private static void addColumnSums(float[] g, int B, int width, int from, int to, Parameter bias) {
        if (bias == null) return;
        float[] grad = bias.grad();
        int off = bias.offset();
        for (int b = 0; b < B; b++) {
            for (int j = from; j < to; j++) grad[off + j] += g[b * width + j];
        }
    }
}
