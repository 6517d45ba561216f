package dev.rnn4j.nn;

import java.util.Arrays;
import java.util.List;

/**
 * One LSTM layer, one direction, whose gates i, f, o use a {@link GateFunction} other than the sigmoid (Keras's
 * {@code recurrent_activation='hard_sigmoid'}). Gate rows [i, f, g, o] and parameters as {@link LstmLayer}, no
 * projection; plain loops for the gate math and one thread, since this variant serves imported models while the
 * default layer keeps its fused kernels:
 * <pre>
 *   i, f, o = gate(a_i), gate(a_f), gate(a_o)     g = tanh(a_g)     c' = f ⊙ c + i ⊙ g     h' = o ⊙ tanh(c')
 * </pre>
 */
final class LstmPlainLayer implements RecurrentLayer {
    final GateWeights w;
    final int H;
    final boolean reverse;
    final GateFunction gate;
    private final Scratch scratch = new Scratch(2);

    LstmPlainLayer(int inputSize, int hiddenSize, GateFunction gate, boolean bias, boolean reverse, String suffix) {
        this.H = hiddenSize;
        this.gate = gate;
        this.reverse = reverse;
        this.w = new GateWeights(4 * hiddenSize, inputSize, hiddenSize, bias, suffix);
    }

    @Override
    public List<Parameter> parameters() { return w.list(); }

    /** Saves the activated gates, the cell each step started from and the cell after it. */
    @Override
    public LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0,
                              float[] y, int yOff, int ldy, Workspace space) {
        int G = 4 * H, TB = T * B;
        float[] a = space.zeros(TB * G), hPrev = space.zeros(TB * H), cPrev = space.zeros(TB * H),
                c = space.zeros(TB * H);
        float[] h = new float[B * H], cs = new float[B * H];
        Steps.init(h, h0, B * H);
        Steps.init(cs, c0, B * H);
        w.projectInputs(x, inputRows, TB, a, true);                     // a = W_ih x + b_ih + b_hh, all steps at once
        for (int s = 0; s < T; s++) {
            int t = Steps.time(s, T, reverse), row0 = t * B;
            System.arraycopy(h, 0, hPrev, row0 * H, B * H);
            System.arraycopy(cs, 0, cPrev, row0 * H, B * H);
            w.recurrent(false, h, 0, B, a, row0 * G, 1f);      // a_t += W_hh h_{t-1}
            for (int b = 0; b < B; b++) {
                int g = (row0 + b) * G;
                if (!LayerTrace.valid(lengths, t, b)) {
                    Arrays.fill(a, g, g + G, 0f);
                    continue;
                }
                for (int j = 0; j < H; j++) {
                    float i = gate.apply(a[g + j]), f = gate.apply(a[g + H + j]);
                    float gg = (float) Math.tanh(a[g + 2 * H + j]), o = gate.apply(a[g + 3 * H + j]);
                    a[g + j] = i;
                    a[g + H + j] = f;
                    a[g + 2 * H + j] = gg;
                    a[g + 3 * H + j] = o;
                    cs[b * H + j] = f * cs[b * H + j] + i * gg;
                    h[b * H + j] = o * (float) Math.tanh(cs[b * H + j]);
                }
            }
            System.arraycopy(cs, 0, c, row0 * H, B * H);
            Steps.writeOutput(t, B, 0, B, H, lengths, h, y, yOff, ldy);
        }
        return new LayerTrace(T, B, lengths, x, a, hPrev, cPrev, c, null, h, cs, inputRows);
    }

    /**
     * Per step, from dL/dh' and the carried dL/dc': {@code dc = dc' + dh' ⊙ o ⊙ (1 − tanh²c')},
     * {@code da_o = dh' ⊙ tanh(c') ⊙ gate'(o)}, {@code da_i = dc ⊙ g ⊙ gate'(i)},
     * {@code da_f = dc ⊙ c ⊙ gate'(f)},
     * {@code da_g = dc ⊙ i ⊙ (1 − g²)}; the cell carries {@code dc ⊙ f} and h carries {@code da W_hh}.
     */
    @Override
    public void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                         float[] dx, boolean accumulateDx, float[] dh0, float[] dc0) {
        int T = s.T(), B = s.B(), G = 4 * H, TB = T * B;
        int[] lengths = s.lengths();
        float[] gates = s.gates(), cPrev = s.cPrev(), cAfter = s.c();
        // dL/da over the activations it is made from (RecurrentLayer#backward); padded rows hold forward's zeros
        float[] dA = s.gates(), dht = scratch.zeros(0, B * H), dhNew = scratch.zeros(1, B * H);
        float[] dh = dh0, dc = dc0;                            // carried dL/dh, dL/dc; end as dh0, dc0
        Steps.init(dh, dhN, B * H);
        Steps.init(dc, dcN, B * H);
        for (int k = T - 1; k >= 0; k--) {
            int t = Steps.time(k, T, reverse), row0 = t * B;
            Steps.upstream(t, B, 0, B, H, lengths, dh, dy, dyOff, ldy, dht, 0);
            for (int b = 0; b < B; b++) {
                if (!LayerTrace.valid(lengths, t, b)) continue;  // dA stays 0, dc passes through
                int g = (row0 + b) * G, r = (row0 + b) * H;
                for (int j = 0; j < H; j++) {
                    float i = gates[g + j], f = gates[g + H + j], gg = gates[g + 2 * H + j], o = gates[g + 3 * H + j];
                    float tc = (float) Math.tanh(cAfter[r + j]), d = dht[b * H + j];
                    float dcTotal = dc[b * H + j] + d * o * (1f - tc * tc);
                    dA[g + j] = dcTotal * gg * gate.derivative(i);
                    dA[g + H + j] = dcTotal * cPrev[r + j] * gate.derivative(f);
                    dA[g + 2 * H + j] = dcTotal * i * (1f - gg * gg);
                    dA[g + 3 * H + j] = d * tc * gate.derivative(o);
                    dc[b * H + j] = dcTotal * f;
                }
            }
            w.recurrentBackward(false, dA, row0 * G, B, dhNew, 0, 0f);   // dh_{t-1} = da_t W_hh
            Steps.advance(t, 0, B, H, lengths, dhNew, 0, dh);
        }
        w.gradients.afterSweep(s.x(), s.inputRows(), s.hPrev(), dA, null, TB, dx, accumulateDx);
    }
}
