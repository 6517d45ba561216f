package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.LstmGates;
import dev.rnn4j.kernel.PackedMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One LSTM layer, one direction. Gate rows are PyTorch's [i, f, g, o]; with {@code projSize} P > 0
 * the hidden state is projected, {@code h_t = W_hr (o_t ⊙ tanh(c_t))}, and W_hh reads the P-wide h.
 */
final class LstmLayer implements RecurrentLayer {
    final GateWeights w;
    final Parameter weightHr;                 // [P, H], null without projection
    final int H, P;
    final boolean reverse;
    private final Scratch scratch = new Scratch(6);
    /**
     * W_hrᵀ and W_hr in the GEMM's panel layout, packed once per sequence where W_hh is ({@link GateWeights#packs}):
     * a packed product gives a row the same bits however many rows share the call, so a batch with a projection is
     * split over the threads like any other (a one-row share multiplying W_hr unpacked would take the matrix-vector
     * path, other bits).
     */
    private final PackedMatrix packedHr = new PackedMatrix(), packedHrBackward = new PackedMatrix();

    LstmLayer(int inputSize, int hiddenSize, int projSize, boolean bias, boolean reverse, String suffix) {
        this.H = hiddenSize;
        this.P = projSize > 0 ? projSize : hiddenSize;
        this.reverse = reverse;
        this.w = new GateWeights(4 * hiddenSize, inputSize, P, bias, suffix);
        this.weightHr = projSize > 0 ? new Parameter("weight_hr" + suffix, projSize, hiddenSize) : null;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> l = new ArrayList<>(w.list());
        if (weightHr != null) l.add(weightHr);
        return l;
    }

    @Override
    public LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0,
                              float[] y, int yOff, int ldy, Workspace space) {
        int G = 4 * H, TB = T * B;
        boolean proj = weightHr != null, packed = GateWeights.packs(B);
        // a (the projection below, then zeros at padded steps), hPrev and c are written whole for every step. The
        // cell a step started from is c one step back (padded steps carry it), so only the first is kept: cStart.
        float[] a = space.uninitialized(TB * G), hPrev = space.uninitialized(TB * P);
        float[] c = space.uninitialized(TB * H), cStart = space.uninitialized(B * H);
        float[] r = proj ? space.zeros(TB * H) : null;
        // tanh(c) of every real step, which backward reads instead of computing it again (without a projection;
        // with one, r holds o ⊙ tanh(c) instead)
        float[] tanhC = proj ? null : space.uninitialized(TB * H);
        float[] h = new float[B * P], cs = new float[B * H];          // the running state, finally h_n, c_n
        Steps.init(h, h0, B * P);
        Steps.init(cs, c0, B * H);
        System.arraycopy(cs, 0, cStart, 0, B * H);
        float[] hp = proj ? scratch.zeros(0, B * P) : null;
        float[] product = scratch.uninitialized(4, B * G);               // W_hh h_{t-1} of one step
        float[] gathered = lengths == null ? null : scratch.uninitialized(5, B * G);   // real rows between padding
        // a = W_ih x + b_ih + b_hh, all steps at once (or, for distinct input rows, each step's as it runs)
        GateWeights.ProjectedRows projected = w.projectInputsForSteps(x, inputRows, TB, a, true, lengths, B);
        if (packed) w.packRecurrent();
        if (packed && proj) packedHr.pack(true, H, P, weightHr.data(), weightHr.offset(), H);
        Steps.splitSteps(packed, B, T, (long) T * G * P, (s, b0, b1) -> {
            int rows = b1 - b0;
            int t = Steps.time(s, T, reverse), row0 = t * B;
            System.arraycopy(h, b0 * P, hPrev, (row0 + b0) * P, rows * P);
            // a_t += W_hh h_{t-1}
            w.addRecurrentStep(packed, t, b0, b1, lengths, h, a, row0, product, gathered, projected);
            for (int b = b0; b < b1; b++) {
                int row = row0 + b;
                if (LayerTrace.valid(lengths, t, b)) {
                    // c_t = f ⊙ c_{t-1} + i ⊙ g,  h_t (or r_t with projection) = o ⊙ tanh(c_t)
                    LstmGates.forward(H, a, row * G, cs, b * H, proj ? r : h, proj ? row * H : b * P,
                            tanhC, row * H);
                } else {
                    Arrays.fill(a, row * G, row * G + G, 0f);
                }
            }
            System.arraycopy(cs, b0 * H, c, (row0 + b0) * H, rows * H);
            if (proj) {                                                // h_t = W_hr r_t
                if (packed) Gemm.sgemm(false, Steps.liveRows(t, b0, b1, lengths), r, (row0 + b0) * H, H, packedHr, 0f,
                        hp, b0 * P, P);
                else Gemm.sgemm(false, true, rows, P, H, r, (row0 + b0) * H, H, weightHr.data(), weightHr.offset(), H,
                        0f, hp, b0 * P, P);
                Steps.advance(t, b0, b1, P, lengths, hp, 0, h);
            }
            Steps.writeOutput(t, B, b0, b1, P, lengths, h, y, yOff, ldy);
        });
        return new LayerTrace(T, B, lengths, x, a, hPrev, cStart, c, proj ? r : tanhC, h, cs, inputRows);
    }

    @Override
    public void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                         float[] dx, boolean accumulateDx, float[] dh0, float[] dc0) {
        int T = s.T(), B = s.B(), G = 4 * H, TB = T * B;
        boolean proj = weightHr != null, packed = GateWeights.packs(B);
        int[] lengths = s.lengths();
        // dL/da for every step, written over the activations it is made from (RecurrentLayer#backward): the gates
        // write each real step's row whole; padded steps' rows hold forward's zeros
        float[] dA = s.gates();
        float[] dHt = scratch.zeros(1, proj ? TB * P : B * P);         // dL/dh_t (all steps if projecting)
        float[] dr = proj ? scratch.zeros(2, B * H) : null;
        float[] dhNew = scratch.zeros(3, B * P);
        float[] gathered = lengths == null ? null : scratch.uninitialized(5, B * G);   // real rows between padding
        float[] dh = dh0, dc = dc0;                                    // carried dL/dh, dL/dc; end as dh0, dc0
        Steps.init(dh, dhN, B * P);
        Steps.init(dc, dcN, B * H);
        if (packed) w.packRecurrentBackward();
        if (packed && proj) packedHrBackward.pack(false, P, H, weightHr.data(), weightHr.offset(), H);
        Steps.splitSteps(packed, B, T, (long) T * G * P, (i, b0, b1) -> {
            int rows = b1 - b0, k = T - 1 - i;
            int t = Steps.time(k, T, reverse), row0 = t * B;
            int dhtOff = proj ? row0 * P : 0;
            Steps.upstream(t, B, b0, b1, P, lengths, dh, dy, dyOff, ldy, dHt, dhtOff);
            if (proj) {                                                // dr_t = dh_t W_hr
                if (packed) Gemm.sgemm(false, Steps.liveRows(t, b0, b1, lengths), dHt, dhtOff + b0 * P, P,
                        packedHrBackward, 0f, dr, b0 * H, H);
                else Gemm.sgemm(false, false, rows, H, P, dHt, dhtOff + b0 * P, P, weightHr.data(), weightHr.offset(),
                        H, 0f, dr, b0 * H, H);
            }
            // the cell this step started from: c of the step run before it, or the sequence's first cell
            float[] cp = k == 0 ? s.cPrev() : s.c();
            int cpRow0 = k == 0 ? 0 : Steps.time(k - 1, T, reverse) * B;
            for (int b = b0; b < b1; b++) {
                if (!LayerTrace.valid(lengths, t, b)) continue;       // dA stays 0, dc passes through
                int row = row0 + b, cpOff = (cpRow0 + b) * H;
                if (proj) {
                    LstmGates.backward(H, s.gates(), row * G, cp, cpOff, s.c(), row * H,
                            dr, b * H, dc, b * H, dA, row * G);
                } else {
                    LstmGates.backwardFromTanh(H, s.gates(), row * G, cp, cpOff, s.aux(), row * H,
                            dHt, dhtOff + b * P, dc, b * H, dA, row * G);
                }
            }
            w.recurrentBackwardStep(packed, t, b0, b1, lengths, dA, row0, dhNew, 0f, gathered);   // da_t W_hh
            Steps.advance(t, b0, b1, P, lengths, dhNew, 0, dh);
        });
        w.gradients.afterSweep(s.x(), s.inputRows(), s.hPrev(), dA, null, TB, dx, accumulateDx, lengths, B);
        if (proj) {                                                    // dW_hr += Σ_t dh_tᵀ r_t
            Gemm.sgemm(true, false, P, H, TB, dHt, 0, P, s.aux(), 0, H, 1f, weightHr.grad(), weightHr.offset(), H);
        }
    }
}
