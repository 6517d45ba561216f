package dev.rnn4j.onnx;

import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.onnx.proto.OnnxProto.AttributeProto;
import dev.rnn4j.onnx.proto.OnnxProto.GraphProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.onnx.OnnxGraph.BOOL;
import static dev.rnn4j.onnx.OnnxGraph.FLOAT;
import static dev.rnn4j.onnx.OnnxGraph.attr;

/**
 * One layer of an LSTM with a projection ({@code proj_size} P), which the ONNX LSTM operator cannot express,
 * as a Scan over time of primitive operators per direction:
 * <pre>
 *   gates = xw_t + h_(t−1) W_hh^T          (xw = x W_ih^T + b_ih + b_hh for all steps, before the Scan)
 *   i, f, g, o = σ, σ, tanh, σ of the four H-wide blocks (PyTorch's order)
 *   c_t = f ⊙ c_(t−1) + i ⊙ g;   h_t = (o ⊙ tanh(c_t)) W_hr^T
 * </pre>
 * The reverse direction scans backwards and writes its outputs in input order. With sequence lengths, a mask
 * m_t = t &lt; length keeps the state unchanged and the output zero at padded steps: scanning backwards, the
 * state stays h0 until the last valid step, so the reverse direction starts there, as a packed sequence does.
 */
final class ProjectedLstmGraph {
    private ProjectedLstmGraph() {}

    static RecurrentGraph.Result layer(OnnxGraph g, RecurrentConfig c, Map<String, float[]> weights, int l, String x,
                                       String h0, String c0, String lengths) {
        int D = c.directions(), H = c.hiddenSize(), P = c.projSize(), I = c.layerInputSize(l), G = 4 * H;
        String mask = lengths == null ? null : stepMask(g, x, lengths);
        List<String> ys = new ArrayList<>(), hs = new ArrayList<>(), cs = new ArrayList<>();
        for (int d = 0; d < D; d++) {
            String s = RecurrentGraph.suffix(l, d);
            float[] bias = new float[G];
            float[] bIh = weights.get("bias_ih" + s), bHh = weights.get("bias_hh" + s);
            for (int j = 0; j < G; j++) bias[j] = (bIh == null ? 0f : bIh[j]) + (bHh == null ? 0f : bHh[j]);
            String wIhT = transposed(g, weights, "weight_ih" + s, G, I);
            String wHhT = transposed(g, weights, "weight_hh" + s, G, P);
            String wHrT = transposed(g, weights, "weight_hr" + s, P, H);
            String xw = g.op("Add", g.op("MatMul", x, wIhT), g.weight("b" + s, bias, G));
            String index = g.scalar("direction", (long) d);
            String h0d = g.op("Gather", List.of(h0, index), attr("axis", 0L));
            String c0d = g.op("Gather", List.of(c0, index), attr("axis", 0L));
            List<String> scanInputs = new ArrayList<>(List.of(h0d, c0d, xw));
            if (mask != null) scanInputs.add(mask);
            int scanned = scanInputs.size() - 2;
            long dir = d;                                     // 1: the reverse direction scans backwards
            long[] inputDirections = new long[scanned];
            Arrays.fill(inputDirections, dir);
            String[] out = g.ops("Scan", 3, scanInputs, attr("body", body(g, H, wHhT, wHrT, mask != null)),
                    attr("num_scan_inputs", (long) scanned), attr("scan_input_directions", inputDirections),
                    attr("scan_output_directions", new long[] {dir}));
            hs.add(g.unsqueeze(out[0], 0));
            cs.add(g.unsqueeze(out[1], 0));
            ys.add(out[2]);
        }
        AttributeProto axis0 = attr("axis", 0L);
        return new RecurrentGraph.Result(D == 1 ? ys.getFirst() : g.op("Concat", ys, attr("axis", 2L)),
                D == 1 ? hs.getFirst() : g.op("Concat", hs, axis0), D == 1 ? cs.getFirst() : g.op("Concat", cs, axis0));
    }

    /** One time step: (h, c, xw_t[, m_t]) → (h', c', y_t). */
    private static GraphProto body(OnnxGraph outer, int H, String wHhT, String wHrT, boolean masked) {
        OnnxGraph b = outer.subgraph("projected_lstm_step");
        String h = b.input(b.fresh("h_prev"), FLOAT, "batch", null);
        String c = b.input(b.fresh("c_prev"), FLOAT, "batch", H);
        String xw = b.input(b.fresh("xw_t"), FLOAT, "batch", 4 * H);
        String m = masked ? b.input(b.fresh("m_t"), BOOL, "batch", 1) : null;
        String gates = b.op("Add", xw, b.op("MatMul", h, wHhT));
        String[] ifgo = b.ops("Split", 4, List.of(gates, b.ints("split", H, H, H, H)), attr("axis", 1L));
        String i = b.op("Sigmoid", ifgo[0]), f = b.op("Sigmoid", ifgo[1]);
        String gg = b.op("Tanh", ifgo[2]), o = b.op("Sigmoid", ifgo[3]);
        String cNew = b.op("Add", b.op("Mul", f, c), b.op("Mul", i, gg));
        String hNew = b.op("MatMul", b.op("Mul", o, b.op("Tanh", cNew)), wHrT);
        String hOut = b.fresh("h"), cOut = b.fresh("c"), y = b.fresh("y");
        if (masked) {
            b.node("Where", List.of(m, hNew, h), List.of(hOut));
            b.node("Where", List.of(m, cNew, c), List.of(cOut));
            b.node("Where", List.of(m, hNew, b.scalar("zero", 0f)), List.of(y));
        } else {
            b.rename(hNew, hOut);
            b.rename(cNew, cOut);
            b.rename(hNew, y);
        }
        b.output(hOut, FLOAT, "batch", null);
        b.output(cOut, FLOAT, "batch", H);
        b.output(y, FLOAT, "batch", null);
        return b.build();
    }

    /** (T, B, 1) booleans: step t of sequence b is valid, t &lt; lengths[b]. */
    private static String stepMask(OnnxGraph g, String x, String lengths) {
        String t = g.unsqueeze(g.range(g.size(x, 0)), 1);                          // (T, 1)
        String valid = g.op("Less", t, g.unsqueeze(g.cast(lengths, OnnxGraph.INT64), 0));
        return g.unsqueeze(valid, 2);
    }

    /** The parameter {@code name}, (rows, cols), as a (cols, rows) initializer for a MatMul from the right. */
    private static String transposed(OnnxGraph g, Map<String, float[]> weights, String name, int rows, int cols) {
        float[] w = RecurrentGraph.require(weights, name, rows * cols);
        return g.weight(name + "_T", transpose(w, rows, cols), cols, rows);
    }

    /** (rows, cols) row-major → (cols, rows). */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) for (int k = 0; k < cols; k++) t[k * rows + r] = a[r * cols + k];
        return t;
    }
}
