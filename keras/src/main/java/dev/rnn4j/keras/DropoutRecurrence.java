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

import static dev.rnn4j.keras.RecurrentDropoutMasks.addMasked;
import static dev.rnn4j.keras.RecurrentDropoutMasks.maskedInto;

/**
 * A Keras recurrent layer's recurrence in training with {@code dropout} or {@code recurrent_dropout}, as Keras's
 * cells compute it. Each call draws one mask per sequence of the batch and keeps it for every step
 * ({@link RecurrentDropoutMasks}). The input mask multiplies x_t before the input kernel; the recurrent mask
 * multiplies h_{t−1} before the recurrent kernel only (an LSTM's carried state and a GRU's {@code z ⊙ h_{t−1}} keep
 * the unmasked h). An LSTM or GRU with {@code recurrent_dropout}, or with {@code implementation=1}, draws a mask pair
 * per gate, as Keras's implementation 1 does; otherwise one input mask serves all gates. Both directions of a
 * Bidirectional layer draw their own.
 *
 * <p>One input mask for all gates and no recurrent one (Keras's {@code dropout} alone, one direction) is the core
 * network on the masked input. Otherwise: the core layers multiply one h by all gates' recurrent weights at once
 * inside their time loop, which per-gate or recurrent masks cannot use, so a loop here runs the same equations step
 * by step with a product per gate block; the input side runs over all steps at once before and after it. With every
 * mask 1 it gives the core network's results (tested); Keras too leaves its fused path when recurrent dropout is on.
 *
 * <pre>{@code
 * DropoutRecurrence loop = new DropoutRecurrence(spec, inputSize, directions, network);
 * RecurrentPass pass = loop.forward(x, lengths, h0, c0, loop.draw(rng, batch));
 * RecurrentGradients g = pass.backward(dOutput, dHn, dCn);
 * }</pre>
 */
final class DropoutRecurrence {
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

    /** Draws a call's masks for a batch from {@code rng}. */
    RecurrentDropoutMasks draw(Rng rng, int batch) {
        return RecurrentDropoutMasks.draw(rng, kind, maskPerGate, D, inputRate, recurrentRate, batch * F, batch * H);
    }

    /**
     * The forward over x (B, T, F) with sequence lengths (null: all T; a reverse direction starts at each row's last
     * real step) from h0, c0 (D, B, H; null for zeros).
     */
    RecurrentPass forward(Tensor x, int[] lengths, Tensor h0, Tensor c0, RecurrentDropoutMasks masks) {
        return masks.oneInputMask() ? throughNetwork(x, lengths, h0, c0, masks.input()[0][0])
                : loop(x, lengths, h0, c0, masks);
    }

    /** The core network on x ⊙ mask (the mask (B, F) the same at every step); dx is then the network's ⊙ mask. */
    private RecurrentPass throughNetwork(Tensor x, int[] lengths, Tensor h0, Tensor c0, float[] mask) {
        int B = x.size(0), T = x.size(1);
        float[] masked = RecurrentDropoutMasks.timesMaskPerStep(x.data(), B, T, F, mask);
        RecurrentOutput out = network.forward(new Tensor(masked, x.shape()), lengths, h0, c0);
        return RecurrentPass.of(network, out,
                dx -> new Tensor(RecurrentDropoutMasks.timesMaskPerStep(dx.data(), B, T, F, mask), dx.shape()));
    }

    /** The step loop: {@link #forward} whatever the masks. */
    RecurrentPass loop(Tensor x, int[] lengths, Tensor h0, Tensor c0, RecurrentDropoutMasks masks) {
        DropoutTrace trace = new DropoutTrace(this, x.data(), x.size(0), x.size(1), F, H, D, gates, lengths, masks,
                kind == RecurrentKind.LSTM);
        for (int d = 0; d < D; d++) forwardDirection(trace, d, h0, c0);
        return trace;
    }

    private void forwardDirection(DropoutTrace p, int d, Tensor h0, Tensor c0) {
        int B = p.B, G = gates * H;
        float[] h = new float[B * H], c = kind == RecurrentKind.LSTM ? new float[B * H] : null;
        if (h0 != null) System.arraycopy(h0.data(), d * B * H, h, 0, B * H);
        if (c0 != null) System.arraycopy(c0.data(), d * B * H, c, 0, B * H);
        float[][] recMask = p.masks.recurrent()[d];
        // the input side of every step at once: W_ih (x ⊙ m) + b_ih for all B·T rows, each gate block with its mask
        float[] projected = new float[B * p.T * G];
        float[][] xMasked = p.maskedInputs(d);
        for (int k = 0; k < gates; k++) {
            Gemm.sgemm(false, true, B * p.T, H, F, xMasked[k], 0, F, wIh[d].data(), wIh[d].offset() + k * H * F, F,
                    0f, projected, k * H, G);
        }
        addBias(projected, B * p.T, G, 0, G, bIh[d], 0);
        float[] hNew = new float[B * H], operand = new float[B * H];       // reused at every step
        int plain = kind == RecurrentKind.GRU ? 2 : gates;    // blocks whose recurrent term is a plain product
        for (int s = 0; s < p.T; s++) {
            float[] a = p.act[d][s];                 // the pre-activations, then the gates' values
            for (int b = 0; b < B; b++) {
                if (p.active(b, s)) System.arraycopy(projected, (b * p.T + p.time(b, s, d)) * G, a, b * G, G);
            }
            System.arraycopy(h, 0, p.hPrev[d][s], 0, B * H);
            for (int k = 0; k < plain; k++) {
                Gemm.sgemm(false, true, B, H, H, maskedInto(h, recMask[k], operand), 0, H, wHh[d].data(),
                        wHh[d].offset() + k * H * H, H, 1f, a, k * H, G);
            }
            addBias(a, B, G, 0, plain * H, bHh[d], 0);
            switch (kind) {
                case LSTM -> {
                    System.arraycopy(c, 0, p.cPrev[d][s], 0, B * H);
                    lstmCell(a, c, B, hNew, p.extra[d][s]);
                }
                case GRU -> gruCandidate(a, h, recMask[2], B, d, hNew, p.extra[d][s], operand);
                case RNN -> {
                    if (relu) {
                        for (int e = 0; e < B * H; e++) a[e] = Math.max(0f, a[e]);
                    } else {
                        Activations.tanhInPlace(a, 0, B * H);
                    }
                    System.arraycopy(a, 0, hNew, 0, B * H);
                }
            }
            for (int b = 0; b < B; b++) {
                if (!p.active(b, s)) continue;
                System.arraycopy(hNew, b * H, h, b * H, H);
                if (c != null) System.arraycopy(p.extra[d][s], b * H, c, b * H, H);
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
     * A GRU step after its r and z pre-activations are complete: r, z and n into {@code a}, the new state into hNew,
     * and into q what backward needs of the n block: {@code U_n (h ⊙ m_n) + b_hn} with the reset gate after the
     * product, {@code r ⊙ h ⊙ m_n} with it before. {@code scratch}: B·H floats to use.
     */
    private void gruCandidate(float[] a, float[] h, float[] nMask, int B, int d, float[] hNew, float[] q,
                              float[] scratch) {
        int G = 3 * H;
        for (int b = 0; b < B; b++) gateInPlace(a, b * G, 2 * H);
        float[] hn = maskedInto(h, nMask, scratch);
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
            addBias(a, B, G, 2 * H, 3 * H, bHh[d], 2 * H);
        }
        for (int b = 0; b < B; b++) {
            Activations.tanhInPlace(a, b * G + 2 * H, H);
            for (int j = 0; j < H; j++) {
                int g = b * G + j, e = b * H + j;
                float z = a[g + H], n = a[g + 2 * H];
                hNew[e] = (1 - z) * n + z * h[e];
            }
        }
    }

    /** {@link DropoutTrace#backward}: every direction's sweep; parameter gradients accumulate. */
    RecurrentGradients backward(DropoutTrace p, Tensor dOutput, Tensor dHn, Tensor dCn) {
        int B = p.B, T = p.T;
        float[] dx = new float[B * T * F], dh0 = new float[D * B * H];
        float[] dc0 = kind == RecurrentKind.LSTM ? new float[D * B * H] : null;
        for (int d = 0; d < D; d++) {
            backwardDirection(p, d, dOutput == null ? null : dOutput.data(), dHn, dCn, dx, dh0, dc0);
        }
        return new RecurrentGradients(new Tensor(dx, B, T, F), new Tensor(dh0, D, B, H),
                dc0 == null ? null : new Tensor(dc0, D, B, H));
    }

    /** The buffers of one direction's backward sweep, made before it and reused at every step. */
    private record Sweep(float[] dIn, float[] dRec, float[] dhPrev, float[] dcPrev, float[] dn, float[] dr,
                         float[] dq, float[] part, float[][] operands) {
        static Sweep of(int B, int G, int H, int gates, boolean lstm) {
            float[][] operands = new float[gates][B * H];
            return new Sweep(new float[B * G], new float[B * G], new float[B * H], lstm ? new float[B * H] : null,
                    new float[B * H], new float[B * H], new float[B * H], new float[B * H], operands);
        }
    }

    private void backwardDirection(DropoutTrace p, int d, float[] dy, Tensor dHn, Tensor dCn, float[] dx, float[] dh0,
                                   float[] dc0) {
        int B = p.B, T = p.T, G = gates * H;
        boolean lstm = kind == RecurrentKind.LSTM;
        float[] dh = new float[B * H], dc = lstm ? new float[B * H] : null;
        if (dHn != null) System.arraycopy(dHn.data(), d * B * H, dh, 0, B * H);
        if (dCn != null) System.arraycopy(dCn.data(), d * B * H, dc, 0, B * H);
        float[][] recMask = p.masks.recurrent()[d];
        float[] dProjected = new float[B * T * G];      // dL/d input-side pre-activations of every (b, t) row
        Sweep w = Sweep.of(B, G, H, gates, lstm);
        float[] dhPrev = w.dhPrev(), dcPrev = w.dcPrev();
        float[][] operands = new float[gates][];       // each block's h ⊙ m: its scratch, or h itself without a mask
        for (int s = T - 1; s >= 0; s--) {
            for (int b = 0; dy != null && b < B; b++) {
                if (!p.active(b, s)) continue;
                int from = (b * T + p.time(b, s, d)) * D * H + d * H;
                for (int j = 0; j < H; j++) dh[b * H + j] += dy[from + j];
            }
            float[] dIn = w.dIn(), dRec = dIn;    // the recurrent side's gradient is the input side's but in GRU's n
            Arrays.fill(dIn, 0f);
            Arrays.fill(dhPrev, 0f);
            switch (kind) {
                case LSTM -> lstmBackward(p, d, s, dh, dc, dIn, dcPrev);
                case GRU -> dRec = gruBackward(p, d, s, dh, w, dhPrev, recMask[2]);
                case RNN -> {
                    float[] a = p.act[d][s];
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
            int blocks = kind == RecurrentKind.GRU && !resetAfter ? 2 : gates;
            for (int k = 0; k < blocks; k++) operands[k] = maskedInto(p.hPrev[d][s], recMask[k], w.operands()[k]);
            blockGradients(blocks, B, dRec, operands, recMask, wHh[d], H, dhPrev, w.part());
            addColumnSums(dRec, B, G, bHh[d]);
            for (int b = 0; b < B; b++) {                // rows past their length pass their state's gradient on
                if (p.active(b, s)) continue;
                System.arraycopy(dh, b * H, dhPrev, b * H, H);
                if (dc != null) System.arraycopy(dc, b * H, dcPrev, b * H, H);
            }
            float[] t = dh;                              // the step's dL/dh_{t−1} is the next step's dL/dh
            dh = dhPrev;
            dhPrev = t;
            if (dc != null) {
                t = dc;
                dc = dcPrev;
                dcPrev = t;
            }
        }
        System.arraycopy(dh, 0, dh0, d * B * H, B * H);
        if (dc != null) System.arraycopy(dc, 0, dc0, d * B * H, B * H);
        // the input side over all B·T rows: dW_ih += dInᵀ (x ⊙ m), dx += (dIn W_ih) ⊙ m per gate block (both
        // directions read x: their parts add up); padded rows' dIn are zeros
        blockGradients(gates, B * T, dProjected, p.maskedInputs(d), p.perStepMasks(d), wIh[d], F, dx,
                new float[B * T * F]);
        addColumnSums(dProjected, B * T, G, bIh[d]);
    }

    /** An LSTM step's dL/d pre-activations into dIn and dL/dc_{t−1} into dcPrev, for the active rows. */
    private void lstmBackward(DropoutTrace p, int d, int s, float[] dh, float[] dc, float[] dIn, float[] dcPrev) {
        int G = 4 * H;
        float[] a = p.act[d][s], cp = p.cPrev[d][s], cn = p.extra[d][s];
        for (int b = 0; b < p.B; b++) {
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

    /**
     * A GRU step's gradients: dL/d pre-activation into {@code w.dIn} (input side) and the returned recurrent side's
     * ({@code w.dRec}), and the direct term {@code z ⊙ dh} of dL/dh_{t−1} into dhPrev. With the reset gate before the
     * product, the n block's recurrent weight gradient and its part of dhPrev are done here, as r's gradient needs
     * that product.
     */
    private float[] gruBackward(DropoutTrace p, int d, int s, float[] dh, Sweep w, float[] dhPrev, float[] nMask) {
        int B = p.B, G = 3 * H;
        float[] a = p.act[d][s], hp = p.hPrev[d][s], q = p.extra[d][s];
        float[] dIn = w.dIn(), dRec = w.dRec(), dn = w.dn(), dr = w.dr();
        Arrays.fill(dn, 0f);
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
        if (resetAfter) {                            // n = tanh(a_n + r ⊙ q), q = U_n (h ⊙ m_n) + b_hn
            for (int e = 0; e < B * H; e++) {
                int g = (e / H) * G + e % H;
                dr[e] = dn[e] * q[e];
                dRec[g + 2 * H] = dn[e] * a[g];
            }
        } else {                                     // n = tanh(a_n + U_n q + b_hn), q = r ⊙ h ⊙ m_n
            int nRows = wHh[d].offset() + 2 * H * H;
            float[] dq = w.dq(), hn = maskedInto(hp, nMask, w.part());
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
     * and dPre (rows, gates·H); {@code part}: rows·n floats to use.
     */
    private void blockGradients(int blocks, int rows, float[] dPre, float[][] operands, float[][] masks,
                                Parameter weight, int n, float[] out, float[] part) {
        int G = gates * H;
        for (int k = 0; k < blocks; k++) {
            int w = weight.offset() + k * H * n;
            Gemm.sgemm(true, false, H, n, rows, dPre, k * H, G, operands[k], 0, n, 1f, weight.grad(), w, n);
            Gemm.sgemm(false, false, rows, n, H, dPre, k * H, G, weight.data(), w, n, 0f, part, 0, n);
            addMasked(out, part, masks[k]);
        }
    }

    /**
     * The gate function over {@code a[off, off + n)}: the core kernels' sigmoid (the same bits in every JIT tier, so
     * a seed gives the same training), or a hard sigmoid's exact arithmetic.
     */
    private void gateInPlace(float[] a, int off, int n) {
        if (gate == GateFunction.SIGMOID) Activations.sigmoidInPlace(a, off, n);
        else for (int i = off; i < off + n; i++) a[i] = gate.apply(a[i]);
    }

    /** Adds bias entries from {@code biasFrom} on to columns [from, to) of each of the B rows of a (B, width). */
    private static void addBias(float[] a, int B, int width, int from, int to, Parameter bias, int biasFrom) {
        if (bias == null) return;
        float[] v = bias.data();
        int off = bias.offset() + biasFrom;
        for (int b = 0; b < B; b++) {
            for (int j = from; j < to; j++) a[b * width + j] += v[off + j - from];
        }
    }

    /** bias.grad += the column sums of g (B, width). */
    private static void addColumnSums(float[] g, int B, int width, Parameter bias) {
        if (bias == null) return;
        float[] grad = bias.grad();
        int off = bias.offset();
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < width; j++) grad[off + j] += g[b * width + j];
        }
    }
}
