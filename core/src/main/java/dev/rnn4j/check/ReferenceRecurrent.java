package dev.rnn4j.check;

import java.util.Arrays;
import java.util.Map;

/**
 * A forward-only, double-precision recurrent layer stack with PyTorch's semantics: layers,
 * bidirectional, bias, LSTM projection, packed lengths, batch-first layout (no dropout).
 * Plain loops over {@link ReferenceCell}; written for obviousness, not speed.
 *
 * <pre>{@code
 * RecurrentSpec spec = new RecurrentSpec(RecurrentKind.LSTM, 3, 4, 2, true, true, true, 0);
 * ReferenceRecurrent ref = new ReferenceRecurrent(spec, params);   // params: PyTorch name -> double[]
 * ReferenceRecurrent.Result r = ref.forward(x, 5, 2, new int[] {5, 3}, null, null);   // x: [B=2, T=5, 3]
 * }</pre>
 *
 * Parameter arrays are used in place, not copied: perturbing one element changes the next forward.
 */
public final class ReferenceRecurrent {
    private final RecurrentSpec spec;
    private final ReferenceCell[][] cells;   // [layer][direction]

    /**
     * Results, flat row-major: output {@code [B, T, D*H_out]} if batchFirst else {@code [T, B, D*H_out]},
     * hN {@code [L*D, B, H_out]}, cN {@code [L*D, B, H]} (LSTM only, else null).
     */
    public record Result(double[] output, double[] hN, double[] cN) {}

    /** @param parameters every name of {@link RecurrentSpec#parameterShapes()} with that many values */
    public ReferenceRecurrent(RecurrentSpec spec, Map<String, double[]> parameters) {
        this.spec = spec;
        this.cells = new ReferenceCell[spec.numLayers()][spec.directions()];
        for (RecurrentSpec.ParameterShape p : spec.parameterShapes()) {
            double[] v = parameters.get(p.name());
            if (v == null) throw new IllegalArgumentException("missing parameter " + p.name());
            if (v.length != p.size()) {
                throw new IllegalArgumentException("parameter " + p.name() + " must have " + p.size()
                        + " values (shape " + Arrays.toString(p.shape()) + "), got " + v.length);
            }
        }
        for (int l = 0; l < spec.numLayers(); l++) {
            for (int d = 0; d < spec.directions(); d++) {
                String s = RecurrentSpec.suffix(l, d);
                cells[l][d] = new ReferenceCell(spec.kind(), spec.layerInputSize(l), spec.hiddenSize(), spec.projSize(),
                        parameters.get("weight_ih" + s), parameters.get("weight_hh" + s),
                        parameters.get("bias_ih" + s), parameters.get("bias_hh" + s), parameters.get("weight_hr" + s));
            }
        }
    }

    public RecurrentSpec spec() { return spec; }

    /**
     * @param input   flat, {@code [B, T, I]} if batchFirst else {@code [T, B, I]}
     * @param lengths per-sequence lengths in 1..T, any order, or null for all T
     * @param h0      {@code [L*D, B, H_out]} or null for zeros
     * @param c0      {@code [L*D, B, H]} (LSTM) or null for zeros
     */
    public Result forward(double[] input, int seqLen, int batch, int[] lengths, double[] h0, double[] c0) {
        int T = seqLen, B = batch, I = spec.inputSize(), D = spec.directions(), L = spec.numLayers();
        int hOut = spec.outputSize(), H = spec.hiddenSize();
        boolean lstm = spec.kind() == RecurrentKind.LSTM;
        requireLength("input", input, T * B * I);
        if (h0 != null) requireLength("h0", h0, L * D * B * hOut);
        if (c0 != null) requireLength("c0", c0, L * D * B * H);
        int[] len = checkedLengths(lengths, T, B);

        double[][][] layerInput = new double[T][B][];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                int at = spec.batchFirst() ? (b * T + t) * I : (t * B + b) * I;
                layerInput[t][b] = Arrays.copyOfRange(input, at, at + I);
            }
        }
        double[] hN = new double[L * D * B * hOut];
        double[] cN = lstm ? new double[L * D * B * H] : null;
        for (int l = 0; l < L; l++) {
            // Padding positions stay zero, as pad_packed_sequence leaves them; the layer above never reads them.
            double[][][] out = new double[T][B][D * hOut];
            for (int d = 0; d < D; d++) {
                int slot = l * D + d;   // h_n is ordered layer-major, then direction
                for (int b = 0; b < B; b++) {
                    double[] h = h0 == null ? new double[hOut] : slice(h0, (slot * B + b) * hOut, hOut);
                    double[] c = !lstm ? null : c0 == null ? new double[H] : slice(c0, (slot * B + b) * H, H);
                    // Forward runs t = 0 .. len-1; reverse starts at its own last valid step len-1 and runs to 0.
                    for (int k = 0; k < len[b]; k++) {
                        int t = d == 0 ? k : len[b] - 1 - k;
                        ReferenceCell.State s = cells[l][d].step(layerInput[t][b], h, c);
                        h = s.h();
                        c = s.c();
                        System.arraycopy(h, 0, out[t][b], d * hOut, hOut);
                    }
                    System.arraycopy(h, 0, hN, (slot * B + b) * hOut, hOut);
                    if (lstm) System.arraycopy(c, 0, cN, (slot * B + b) * H, H);
                }
            }
            layerInput = out;
        }
        int F = D * hOut;
        double[] output = new double[T * B * F];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                int at = spec.batchFirst() ? (b * T + t) * F : (t * B + b) * F;
                System.arraycopy(layerInput[t][b], 0, output, at, F);
            }
        }
        return new Result(output, hN, cN);
    }

    private static int[] checkedLengths(int[] lengths, int T, int B) {
        if (lengths == null) {
            int[] all = new int[B];
            Arrays.fill(all, T);
            return all;
        }
        if (lengths.length != B) {
            throw new IllegalArgumentException("lengths must have one entry per sequence (" + B + "), got " + lengths.length);
        }
        for (int len : lengths) {
            if (len < 1 || len > T) {
                throw new IllegalArgumentException("lengths must be in 1.." + T + ", got " + Arrays.toString(lengths));
            }
        }
        return lengths;
    }

    private static double[] slice(double[] a, int from, int n) { return Arrays.copyOfRange(a, from, from + n); }

    private static void requireLength(String name, double[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got " + a.length);
        }
    }
}
