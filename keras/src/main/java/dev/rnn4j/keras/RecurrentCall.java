package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A call of a {@link SimpleRNN}, {@link LSTM}, {@link GRU} or {@link Bidirectional} layer: the output
 * (the last output, or every step's with {@code returnSequences}) and the final states in Keras's order,
 * {@code [h]} or {@code [h, c]} per direction, forward direction first, each (B, units).
 *
 * <pre>{@code
 * LSTM encoder = new LSTM(64).returnState(true);        // built beforehand
 * RecurrentCall enc = encoder.call(x, lengths, null, true);
 * RecurrentCall dec = decoder.call(y, null, enc.states(), true);       // initial state from the encoder
 * RecurrentCall.Gradients gd = dec.backward(dDecoderOut, null);
 * enc.backward(null, gd.initialState());                 // the decoder's state gradient flows back
 * }</pre>
 */
public final class RecurrentCall implements LayerCall {
    private final RecurrentRunner runner;
    private final RecurrentPass out;
    private final Tensor concatenated;    // [forward | backward] before a merge other than concat
    private final Tensor output;
    private final int[] inputLengths;
    private final List<Tensor> states;
    private final EmptyRows empty;
    private final int batch;

    /**
     * @param input        dL/d input, (B, T, inputSize); zero at padded steps
     * @param initialState dL/d initial state in Keras's order, each (B, units), also when it was zeros
     */
    public record Gradients(Tensor input, List<Tensor> initialState) {}

    RecurrentCall(RecurrentRunner runner, RecurrentPass out, Tensor concatenated, Tensor output, int[] inputLengths,
                  List<Tensor> states, EmptyRows empty, int batch) {
        this.runner = runner;
        this.out = out;
        this.concatenated = concatenated;
        this.output = output;
        this.inputLengths = inputLengths;
        this.states = states;
        this.empty = empty;
        this.batch = batch;
    }

    @Override
    public Tensor output() { return output; }

    @Override
    public int[] lengths() { return runner.returnSequences ? inputLengths : null; }

    /** Final states, {@code [h]} or {@code [h, c]} per direction (Keras's {@code return_state} values). */
    public List<Tensor> states() { return states; }

    @Override
    public Tensor backward(Tensor dOutput) { return backward(dOutput, null).input(); }

    /** Backward from the output's gradient and the final states' gradients (either may be null, as may entries). */
    public Gradients backward(Tensor dOutput, List<Tensor> dStates) {
        int D = runner.directions, H = runner.units, B = batch, k = runner.statesPerDirection();
        Tensor dSequence = null;
        float[] dHn = null, dCn = null;
        if (dOutput != null) {
            Shapes.require("dOutput", dOutput, output.shape());
            if (concatenated != output) {
                dOutput = new Tensor(runner.mergeMode.unmerge(dOutput.data(), concatenated.data(), H),
                        concatenated.shape());
            }
            boolean masked = inputLengths != null && D == 1;
            if (runner.returnSequences) {
                dSequence = masked ? MaskedSteps.sequenceGradient(dOutput, inputLengths, runner.goBackwards,
                        runner.zeroOutputForMask) : dOutput;
            } else {
                // The last output is [h_fw | h_bw] per row: its gradient is the final states' gradient.
                dHn = new float[D * B * H];
                for (int d = 0; d < D; d++) {
                    for (int b = 0; b < B; b++) {
                        System.arraycopy(dOutput.data(), (b * D + d) * H, dHn, (d * B + b) * H, H);
                    }
                }
                // A last output Keras zeroed (zero_output_for_mask, padded row) passes no gradient on.
                int T = out.output().size(1);
                for (int b = 0; masked && b < B; b++) {
                    if (MaskedSteps.zeroLastOutput(inputLengths, b, T, runner.goBackwards, runner.zeroOutputForMask)) {
                        java.util.Arrays.fill(dHn, b * H, (b + 1) * H, 0f);
                    }
                }
            }
        }
        if (dStates != null) {
            if (dStates.size() != D * k) {
                throw new IllegalArgumentException("expected " + D * k + " state gradients, got " + dStates.size());
            }
            for (int i = 0; i < dStates.size(); i++) {
                Tensor g = dStates.get(i);
                if (g == null) continue;
                Shapes.require("state gradient " + i, g, B, H);
                boolean cell = i % k == 1;
                if (cell && dCn == null) dCn = new float[D * B * H];
                if (!cell && dHn == null) dHn = new float[D * B * H];
                float[] dst = cell ? dCn : dHn;
                int off = (i / k) * B * H;
                for (int j = 0; j < B * H; j++) dst[off + j] += g.data()[j];
            }
        }
        float[] dh0Empty = empty.takeRows(dHn, D, B, H), dc0Empty = empty.takeRows(dCn, D, B, H);
        RecurrentGradients g = out.backward(empty.zeroSequenceRows(dSequence),
                dHn == null ? null : new Tensor(dHn, D, B, H), dCn == null ? null : new Tensor(dCn, D, B, H));
        runner.clearHeldGradients();
        List<Tensor> initial = new ArrayList<>();
        for (int d = 0; d < D; d++) {
            initial.add(plus(RecurrentRunner.slice(g.h0(), d, B), dh0Empty, d));
            if (runner.kind == RecurrentKind.LSTM) initial.add(plus(RecurrentRunner.slice(g.c0(), d, B), dc0Empty, d));
        }
        Tensor dx = runner.goBackwards ? RecurrentRunner.reverseSteps(g.input(), inputLengths) : g.input();
        return new Gradients(dx, List.copyOf(initial));
    }

    /** {@code t} plus direction {@code d}'s part of a (D, B, H) array (when not null), in place. */
    private static Tensor plus(Tensor t, float[] extra, int d) {
        if (extra == null) return t;
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) v[i] += extra[d * v.length + i];
        return t;
    }
}
