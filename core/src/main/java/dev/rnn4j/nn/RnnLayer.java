package dev.rnn4j.nn;

import dev.rnn4j.kernel.RnnGates;

import java.util.Arrays;
import java.util.List;

/**
 * One Elman RNN layer, one direction: {@code h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)}, act = tanh or relu.
 */
final class RnnLayer implements RecurrentLayer {
    final GateWeights w;
    final int H;
    final boolean reverse, relu;
    private final Scratch scratch = new Scratch(4);

    RnnLayer(int inputSize, int hiddenSize, boolean relu, boolean bias, boolean reverse, String suffix) {
        this.H = hiddenSize;
        this.relu = relu;
        this.reverse = reverse;
        this.w = new GateWeights(hiddenSize, inputSize, hiddenSize, bias, suffix);
    }

    @Override
    public List<Parameter> parameters() { return w.list(); }

    @Override
    public LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0,
                              float[] y, int yOff, int ldy, Workspace space) {
        int TB = T * B;
        boolean packed = GateWeights.packs(B);
        float[] a = space.uninitialized(TB * H), hPrev = space.uninitialized(TB * H);   // both written whole
        float[] h = new float[B * H], product = scratch.uninitialized(0, B * H);   // product: W_hh h_{t-1} of one step
        Steps.init(h, h0, B * H);
        float[] gathered = lengths == null ? null : scratch.uninitialized(3, B * H);   // real rows between padding
        // a = W_ih x + b_ih + b_hh, all steps at once (or, for distinct input rows, each step's as it runs)
        GateWeights.ProjectedRows projected = w.projectInputsForSteps(x, inputRows, TB, a, true, lengths, B);
        if (packed) w.packRecurrent();
        Steps.splitSteps(packed, B, T, (long) T * H * H, (s, b0, b1) -> {
            int rows = b1 - b0;
            int t = Steps.time(s, T, reverse), row0 = t * B;
            System.arraycopy(h, b0 * H, hPrev, (row0 + b0) * H, rows * H);
            // a_t += W_hh h_{t-1}
            w.addRecurrentStep(packed, t, b0, b1, lengths, h, a, row0, product, gathered, projected);
            for (int b = b0; b < b1; b++) {
                int row = row0 + b;
                if (LayerTrace.valid(lengths, t, b)) RnnGates.forward(H, relu, a, row * H);
                else Arrays.fill(a, row * H, row * H + H, 0f);
            }
            Steps.advance(t, b0, b1, H, lengths, a, row0 * H, h);
            Steps.writeOutput(t, B, b0, b1, H, lengths, h, y, yOff, ldy);
        });
        return new LayerTrace(T, B, lengths, x, a, hPrev, null, null, null, h, null, inputRows);
    }

    @Override
    public void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                         float[] dx, boolean accumulateDx, float[] dh0, float[] dc0) {
        int T = s.T(), B = s.B(), TB = T * B;
        boolean packed = GateWeights.packs(B);
        int[] lengths = s.lengths();
        // dL/da, written over the activations it is made from (RecurrentLayer#backward): the gates write each real
        // step's row whole, padded ones hold forward's zeros
        float[] dA = s.gates();
        float[] dht = scratch.zeros(1, B * H), dhNew = scratch.zeros(2, B * H);
        float[] gathered = lengths == null ? null : scratch.uninitialized(3, B * H);   // real rows between padding
        float[] dh = dh0;
        Steps.init(dh, dhN, B * H);
        if (packed) w.packRecurrentBackward();
        Steps.splitSteps(packed, B, T, (long) T * H * H, (i, b0, b1) -> {
            int rows = b1 - b0, k = T - 1 - i;
            int t = Steps.time(k, T, reverse), row0 = t * B;
            Steps.upstream(t, B, b0, b1, H, lengths, dh, dy, dyOff, ldy, dht, 0);
            for (int b = b0; b < b1; b++) {
                if (LayerTrace.valid(lengths, t, b)) {
                    RnnGates.backward(H, relu, s.gates(), (row0 + b) * H, dht, b * H, dA, (row0 + b) * H);
                }
            }
            w.recurrentBackwardStep(packed, t, b0, b1, lengths, dA, row0, dhNew, 0f, gathered);   // da_t W_hh
            Steps.advance(t, b0, b1, H, lengths, dhNew, 0, dh);
        });
        w.gradients.afterSweep(s.x(), s.inputRows(), s.hPrev(), dA, null, TB, dx, accumulateDx, lengths, B);
    }
}
