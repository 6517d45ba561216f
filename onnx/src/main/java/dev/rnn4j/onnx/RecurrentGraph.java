package dev.rnn4j.onnx;

import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.onnx.proto.OnnxProto.AttributeProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.onnx.OnnxGraph.attr;
import static dev.rnn4j.onnx.OnnxGraph.text;

/**
 * Writes a PyTorch-style recurrent stack (numLayers × directions, the parameters under PyTorch's names
 * {@code weight_ih_l0}, ...) into a graph, one ONNX LSTM / GRU / RNN node per layer, both directions in one
 * node. ONNX orders the gates differently, so weight rows are reordered: LSTM i,f,g,o → i,o,f,c; GRU r,z,n →
 * z,r,h, with {@code linear_before_reset=1} since PyTorch applies r to {@code W_hn h + b_hn} (0 for a GRU with
 * {@code resetAfter} false, which applies r to h before the product). B = [Wb, Rb].
 * An LSTM with a projection has no ONNX operator; {@link ProjectedLstmGraph} writes it as a Scan.
 *
 * <p>Values are time-major ({@code layout=0}: onnxruntime's CPU kernels refuse {@code layout=1}).
 */
final class RecurrentGraph {
    private static final int[] LSTM_ROWS = {0, 3, 1, 2};   // ONNX i,o,f,c taken from PyTorch's blocks i,f,g,o
    private static final int[] GRU_ROWS = {1, 0, 2};       // ONNX z,r,h from PyTorch's r,z,n
    private static final int[] RNN_ROWS = {0};

    private RecurrentGraph() {}

    /** The stack's values: output (T, B, D·P) time-major, hn (L·D, B, P), cn (L·D, B, H) or null. */
    record Result(String output, String hn, String cn) {}

    /**
     * Writes the stack on {@code x} (T, B, inputSize), from states {@code h0} (L·D, B, P) and {@code c0}
     * (LSTM only), with {@code lengths} (int32 [B]) or null for full-length sequences. An empty state name
     * means zeros (one layer only).
     */
    static Result write(OnnxGraph g, RecurrentConfig c, Map<String, float[]> weights, String x, String h0, String c0,
                        String lengths) {
        int L = c.numLayers(), D = c.directions();
        boolean lstm = c.kind() == RecurrentKind.LSTM;
        List<String> hn = new ArrayList<>(), cn = new ArrayList<>();
        String y = x;
        for (int l = 0; l < L; l++) {
            String h0l = layerState(g, h0, l, L, D), c0l = lstm ? layerState(g, c0, l, L, D) : null;
            Result r = c.projSize() > 0
                    ? ProjectedLstmGraph.layer(g, c, weights, l, y, h0l, c0l, lengths)
                    : layer(g, c, weights, l, y, h0l, c0l, lengths);
            y = r.output();
            hn.add(r.hn());
            if (lstm) cn.add(r.cn());
        }
        return new Result(y, concat(g, hn), lstm ? concat(g, cn) : null);
    }

    /** Rows l·D .. l·D+D−1 of a (L·D, B, ·) state. */
    private static String layerState(OnnxGraph g, String state, int l, int L, int D) {
        if (L == 1) return state;
        return g.op("Slice", state, g.ints("start", (long) l * D), g.ints("end", (long) (l + 1) * D),
                g.ints("axis", 0));
    }

    private static String concat(OnnxGraph g, List<String> parts) {
        return parts.size() == 1 ? parts.getFirst() : g.op("Concat", parts, attr("axis", 0L));
    }

    /** Layer {@code l}, both directions, as one ONNX LSTM / GRU / RNN node. */
    private static Result layer(OnnxGraph g, RecurrentConfig c, Map<String, float[]> weights, int l, String x,
                                String h0, String c0, String lengths) {
        int D = c.directions(), H = c.hiddenSize(), I = c.layerInputSize(l);
        int[] rows = switch (c.kind()) {
            case LSTM -> LSTM_ROWS;
            case GRU -> GRU_ROWS;
            case RNN -> RNN_ROWS;
        };
        int G = rows.length * H;
        float[] w = new float[D * G * I], r = new float[D * G * H], b = new float[D * 2 * G];
        for (int d = 0; d < D; d++) {
            String suffix = suffix(l, d);
            reorder(require(weights, "weight_ih" + suffix, G * I), H * I, rows, w, d * G * I);
            reorder(require(weights, "weight_hh" + suffix, G * H), H * H, rows, r, d * G * H);
            float[] bIh = weights.get("bias_ih" + suffix), bHh = weights.get("bias_hh" + suffix);
            if (bIh != null) reorder(bIh, H, rows, b, d * 2 * G);
            if (bHh != null) reorder(bHh, H, rows, b, d * 2 * G + G);
        }
        List<String> inputs = new ArrayList<>(List.of(x, g.weight("W" + suffix(l, 0), w, D, G, I),
                g.weight("R" + suffix(l, 0), r, D, G, H), c.bias() ? g.weight("B" + suffix(l, 0), b, D, 2L * G) : "",
                lengths == null ? "" : lengths, h0));
        boolean lstm = c.kind() == RecurrentKind.LSTM;
        if (lstm) inputs.add(c0);
        List<AttributeProto> attrs = new ArrayList<>(List.of(
                attr("hidden_size", (long) H), text("direction", D == 2 ? "bidirectional" : "forward")));
        String op = switch (c.kind()) {
            case LSTM -> {
                if (c.gateFunction() != GateFunction.SIGMOID) attrs.addAll(gateActivations(c.gateFunction(), 3, D));
                yield "LSTM";
            }
            case GRU -> {
                if (c.gateFunction() != GateFunction.SIGMOID) attrs.addAll(gateActivations(c.gateFunction(), 2, D));
                attrs.add(attr("linear_before_reset", c.resetAfter() ? 1L : 0L));   // 0: Keras's reset_after=False
                yield "GRU";
            }
            case RNN -> {
                String act = c.nonlinearity() == Nonlinearity.RELU ? "Relu" : "Tanh";
                attrs.add(D == 2 ? attr("activations", act, act) : attr("activations", act));
                yield "RNN";
            }
        };
        String[] out = g.ops(op, lstm ? 3 : 2, inputs, attrs.toArray(new AttributeProto[0]));
        return new Result(mergeDirections(g, out[0]), out[1], lstm ? out[2] : null);
    }

    /**
     * The {@code activations} of an LSTM (f, g, h) or GRU (f, g) whose gates use a hard sigmoid, ONNX's
     * {@code HardSigmoid} = max(0, min(1, αx + β)). The alphas and betas are consumed in order by the activations
     * that take them (onnxruntime's reading; Tanh takes none), so there is one of each per direction.
     */
    private static List<AttributeProto> gateActivations(GateFunction gates, int perDirection, int D) {
        float alpha = switch (gates) {
            case HARD_SIGMOID_KERAS2 -> 0.2f;
            case HARD_SIGMOID_KERAS3 -> 1f / 6f;
            case SIGMOID -> throw new IllegalStateException("the sigmoid is ONNX's default");
        };
        String[] names = new String[perDirection * D];
        float[] alphas = new float[D], betas = new float[D];
        for (int i = 0; i < names.length; i++) names[i] = i % perDirection == 0 ? "HardSigmoid" : "Tanh";
        Arrays.fill(alphas, alpha);
        Arrays.fill(betas, 0.5f);
        return List.of(attr("activations", names), OnnxGraph.attr("activation_alpha", alphas),
                OnnxGraph.attr("activation_beta", betas));
    }

    /** ONNX's Y (T, D, B, P) → (T, B, D·P), the directions side by side as PyTorch's output has them. */
    static String mergeDirections(OnnxGraph g, String y) {
        String tbdp = g.op("Transpose", List.of(y), attr("perm", 0L, 2L, 1L, 3L));
        return g.op("Reshape", tbdp, g.ints("shape", 0, 0, -1));
    }

    /** PyTorch's state_dict suffix of layer l, direction d: {@code _l0}, {@code _l1_reverse}. */
    static String suffix(int l, int d) { return "_l" + l + (d == 1 ? "_reverse" : ""); }

    static float[] require(Map<String, float[]> weights, String name, int size) {
        float[] v = weights.get(name);
        if (v == null) throw new IllegalArgumentException("cannot export: parameter " + name + " is missing");
        if (v.length != size) {
            throw new IllegalArgumentException("cannot export: parameter " + name + " has " + v.length
                    + " values, expected " + size);
        }
        return v;
    }

    /** Copies gate blocks of {@code block} values into {@code dst} at {@code off}: block i is src's block rows[i]. */
    private static void reorder(float[] src, int block, int[] rows, float[] dst, int off) {
        for (int i = 0; i < rows.length; i++) System.arraycopy(src, rows[i] * block, dst, off + i * block, block);
    }
}
