package dev.rnn4j.viz;

import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.Vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the cells page: the text, every cell's activation per character (quantised to bytes to
 * keep the file small), the gates, each step's top-5 next characters, the ranked interpretable cells
 * and the gate-saturation fractions.
 */
final class CellsPage {
    static final int TOP_K = 5;
    /**
     * Saturation thresholds: a sigmoid gate is "left" below 0.1 and "right" above 0.9,
     * a tanh below −0.9 and above 0.9.
     */
    static final float SIGMOID_LOW = 0.1f, SIGMOID_HIGH = 0.9f, TANH_LOW = -0.9f, TANH_HIGH = 0.9f;

    private CellsPage() {}

    static Map<String, Object> data(String title, String description, TextTrace trace, Vocabulary vocab,
                                    List<CellRanking.Ranked> ranked) {
        int T = trace.steps(), H = trace.hiddenSize(), L = trace.layers().length, V = trace.vocabSize();
        RecurrentKind kind = trace.kind();
        String[] gateNames = TextTrace.gateNames(kind);
        int G = kind.gates();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", title);
        d.put("description", description);
        d.put("kind", kind.name());
        d.put("layers", L);
        d.put("hidden", H);
        d.put("colorBy", kind == RecurrentKind.LSTM ? "tanh(c)" : "h");
        List<Object> chars = new ArrayList<>(T);
        for (int id : trace.ids()) chars.add(vocab.decode(id));
        d.put("chars", chars);

        byte[] act = new byte[L * T * H], hid = new byte[L * T * H], gates = new byte[L * T * G * H];
        for (int l = 0; l < L; l++) {
            TextTrace.Layer layer = trace.layers()[l];
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < H; j++) {
                    act[(l * T + t) * H + j] = signedByte(trace.activation(l, t, j));
                    hid[(l * T + t) * H + j] = signedByte(layer.hidden()[t * H + j]);
                }
                for (int g = 0; g < G; g++) {
                    boolean tanh = TextTrace.isTanhGate(kind, g);
                    for (int j = 0; j < H; j++) {
                        float v = layer.gates()[t * G * H + g * H + j];
                        gates[((l * T + t) * G + g) * H + j] = unsignedByte(tanh ? (v + 1) / 2 : v);
                    }
                }
            }
        }
        d.put("act", HtmlPage.base64(act));
        d.put("hid", HtmlPage.base64(hid));
        d.put("gateNames", List.of(gateNames));
        List<Object> tanhGates = new ArrayList<>();
        for (int g = 0; g < G; g++) tanhGates.add(TextTrace.isTanhGate(kind, g));
        d.put("tanhGates", tanhGates);
        d.put("gates", HtmlPage.base64(gates));
        d.put("top", topPredictions(trace.probabilities(), T, V, vocab));

        List<Object> rankedList = new ArrayList<>();
        for (CellRanking.Ranked r : ranked) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", r.layer());
            m.put("unit", r.unit());
            m.put("feature", r.feature());
            m.put("r", round(r.r(), 3));
            rankedList.add(m);
        }
        d.put("ranked", rankedList);
        d.put("saturation", saturation(trace));
        return d;
    }

    /** Per layer, per gate: the fraction of steps each unit spends below the low and above the high threshold. */
    static List<Object> saturation(TextTrace trace) {
        int T = trace.steps(), H = trace.hiddenSize(), G = trace.kind().gates();
        List<Object> layers = new ArrayList<>();
        for (TextTrace.Layer layer : trace.layers()) {
            List<Object> perGate = new ArrayList<>();
            for (int g = 0; g < G; g++) {
                boolean tanh = TextTrace.isTanhGate(trace.kind(), g);
                float lo = tanh ? TANH_LOW : SIGMOID_LOW, hi = tanh ? TANH_HIGH : SIGMOID_HIGH;
                List<Object> left = new ArrayList<>(H), right = new ArrayList<>(H);
                for (int j = 0; j < H; j++) {
                    int below = 0, above = 0;
                    for (int t = 0; t < T; t++) {
                        float v = layer.gates()[t * G * H + g * H + j];
                        if (v < lo) below++;
                        else if (v > hi) above++;
                    }
                    left.add(round((double) below / T, 3));
                    right.add(round((double) above / T, 3));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("gate", TextTrace.gateNames(trace.kind())[g]);
                m.put("low", round(lo, 3));
                m.put("high", round(hi, 3));
                m.put("left", left);
                m.put("right", right);
                perGate.add(m);
            }
            layers.add(perGate);
        }
        return layers;
    }

    /** Per step, a flat list [char, p, char, p, …] of the {@link #TOP_K} most likely next characters. */
    static List<Object> topPredictions(float[] probs, int T, int V, Vocabulary vocab) {
        List<Object> out = new ArrayList<>(T);
        int k = Math.min(TOP_K, V);
        int[] best = new int[k];
        for (int t = 0; t < T; t++) {
            int off = t * V;
            int found = 0;
            for (int v = 0; v < V; v++) {   // insertion into a k-long sorted list: k is tiny
                float p = probs[off + v];
                int pos = found;
                while (pos > 0 && probs[off + best[pos - 1]] < p) pos--;
                if (pos >= k) continue;
                System.arraycopy(best, pos, best, pos + 1, Math.min(found, k - 1) - pos);
                best[pos] = v;
                if (found < k) found++;
            }
            List<Object> step = new ArrayList<>(2 * k);
            for (int r = 0; r < k; r++) {
                step.add(vocab.decode(best[r]));
                step.add(round(probs[off + best[r]], 4));
            }
            out.add(step);
        }
        return out;
    }

    static byte signedByte(float v) {
        return (byte) Math.round(Math.max(-1f, Math.min(1f, v)) * 127f);
    }

    static byte unsignedByte(float v01) {
        return (byte) Math.round(Math.max(0f, Math.min(1f, v01)) * 255f);
    }

    static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }
}
