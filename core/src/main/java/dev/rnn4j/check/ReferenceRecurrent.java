package dev.rnn4j.check;

import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A forward-only, double-precision recurrent layer stack with PyTorch's semantics: layers,
 * bidirectional, bias, LSTM projection, packed lengths, batch-first layout (no dropout).
 * Plain loops over {@link ReferenceCell}; written for obviousness, not speed.
 *
 * <pre>{@code
 * RecurrentConfig config = lstm.config();   // or any RecurrentConfig with dropout 0
 * ReferenceRecurrent ref = new ReferenceRecurrent(config, params);   // params: PyTorch name -> double[]
 * ReferenceRecurrent.Result r = ref.forward(x, 5, 2, new int[] {5, 3}, null, null);   // x: [B=2, T=5, 3]
 * }</pre>
 *
 * Parameter arrays are used in place, not copied: perturbing one element changes the next forward.
 */
public final class ReferenceRecurrent {
    private final RecurrentConfig config;
    private final ReferenceCell[][] cells;   // [layer][direction]

    /**
     * Results, flat row-major: output {@code [B, T, D*H_out]} if batchFirst else {@code [T, B, D*H_out]},
     * hN {@code [L*D, B, H_out]}, cN {@code [L*D, B, H]} (LSTM only, else null).
     */
    public record Result(double[] output, double[] hN, double[] cN) {}

    /** A parameter's PyTorch name and shape. */
    public record ParameterShape(String name, int[] shape) {
        public int size() {
            int n = 1;
            for (int s : shape) n *= s;
            return n;
        }
    }

    /** @param parameters every name of {@link #parameterShapes} with that many values */
    public ReferenceRecurrent(RecurrentConfig config, Map<String, double[]> parameters) {
        if (config.dropout() != 0f) {
            throw new IllegalArgumentException("the reference has no dropout; config has dropout " + config.dropout());
        }
        this.config = config;
        this.cells = new ReferenceCell[config.numLayers()][config.directions()];
        for (ParameterShape p : parameterShapes(config)) {
            double[] v = parameters.get(p.name());
            if (v == null) throw new IllegalArgumentException("missing parameter " + p.name());
            if (v.length != p.size()) {
                throw new IllegalArgumentException("parameter " + p.name() + " must have " + p.size()
                        + " values (shape " + Arrays.toString(p.shape()) + "), got " + v.length);
            }
        }
        for (int l = 0; l < config.numLayers(); l++) {
            for (int d = 0; d < config.directions(); d++) {
                String s = suffix(l, d);
                cells[l][d] = new ReferenceCell(config.kind(), config.nonlinearity(), config.layerInputSize(l),
                        config.hiddenSize(), config.projSize(),
                        parameters.get("weight_ih" + s), parameters.get("weight_hh" + s),
                        parameters.get("bias_ih" + s), parameters.get("bias_hh" + s), parameters.get("weight_hr" + s));
            }
        }
    }

    public RecurrentConfig config() { return config; }

    /** {@code _l1_reverse}: the suffix PyTorch appends to a layer/direction's parameter names. */
    public static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    /** All parameters in PyTorch's {@code named_parameters()} order. */
    public static List<ParameterShape> parameterShapes(RecurrentConfig config) {
        List<ParameterShape> list = new ArrayList<>();
        int rows = config.kind().gates() * config.hiddenSize();
        for (int l = 0; l < config.numLayers(); l++) {
            for (int d = 0; d < config.directions(); d++) {
                String s = suffix(l, d);
                list.add(new ParameterShape("weight_ih" + s, new int[] {rows, config.layerInputSize(l)}));
                list.add(new ParameterShape("weight_hh" + s, new int[] {rows, config.outputSize()}));
                if (config.bias()) {
                    list.add(new ParameterShape("bias_ih" + s, new int[] {rows}));
                    list.add(new ParameterShape("bias_hh" + s, new int[] {rows}));
                }
                if (config.projSize() > 0) {
                    list.add(new ParameterShape("weight_hr" + s, new int[] {config.projSize(), config.hiddenSize()}));
                }
            }
        }
        return list;
    }

    /**
     * @param input   flat, {@code [B, T, I]} if batchFirst else {@code [T, B, I]}
     * @param lengths per-sequence lengths in 1..T, any order, or null for all T
     * @param h0      {@code [L*D, B, H_out]} or null for zeros
     * @param c0      {@code [L*D, B, H]} (LSTM) or null for zeros
     */
    public Result forward(double[] input, int seqLen, int batch, int[] lengths, double[] h0, double[] c0) {
        int T = seqLen, B = batch, I = config.inputSize(), D = config.directions(), L = config.numLayers();
        int hOut = config.outputSize(), H = config.hiddenSize();
        boolean lstm = config.kind() == RecurrentKind.LSTM;
        requireLength("input", input, T * B * I);
        if (h0 != null) requireLength("h0", h0, L * D * B * hOut);
        if (c0 != null) requireLength("c0", c0, L * D * B * H);
        int[] len = checkedLengths(lengths, T, B);

        double[][][] layerInput = new double[T][B][];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                int at = config.batchFirst() ? (b * T + t) * I : (t * B + b) * I;
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
                int at = config.batchFirst() ? (b * T + t) * F : (t * B + b) * F;
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
            throw new IllegalArgumentException("lengths must have one entry per sequence (" + B + "), got "
                    + lengths.length);
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
