package dev.rnn4j.onnx;

import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.text.Vocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.onnx.OnnxGraph.FLOAT;
import static dev.rnn4j.onnx.OnnxGraph.INT32;
import static dev.rnn4j.onnx.OnnxGraph.INT64;
import static dev.rnn4j.onnx.OnnxGraph.attr;

/**
 * ONNX export of rnn4j models, for inference (dropout is left out). Batch and sequence length are dynamic.
 *
 * <pre>{@code
 * OnnxExport.charLm(model).save(Path.of("lm.onnx"));          // tokens, h0[, c0] -> logits, hn[, cn]
 * OnnxExport.recurrent(lstm, true).save(Path.of("lstm.onnx")); // input, h0[, c0], sequence_lens -> output, hn[, cn]
 * OnnxExport.sequential(kerasModel).save(Path.of("k.onnx"));  // input -> output
 * }</pre>
 *
 * Recurrent layers become ONNX LSTM / GRU / RNN nodes with the gate rows reordered; an LSTM with a projection
 * becomes a Scan of primitive operators.
 */
public final class OnnxExport {
    private OnnxExport() {}

    /**
     * A library layer ({@code Lstm}, {@code Gru}, {@code Rnn}). Inputs: {@code input} (its layout: (batch, steps,
     * features) if batchFirst, else (steps, batch, features)), {@code h0} (L·D, batch, P) and, for LSTM,
     * {@code c0} (L·D, batch, H), and with {@code sequenceLengths} an int32 {@code sequence_lens} (batch) whose
     * entries are each 1..steps. Outputs {@code output}, {@code hn} and, for LSTM, {@code cn}, as its forward.
     */
    public static OnnxModel recurrent(RecurrentNetwork network, boolean sequenceLengths) {
        RecurrentConfig c = network.config();
        int LD = c.numLayers() * c.directions(), width = c.directions() * c.outputSize();
        boolean lstm = c.kind() == RecurrentKind.LSTM;
        OnnxGraph g = new OnnxGraph(c.kind().name().toLowerCase(java.util.Locale.ROOT));
        Object[] inShape = sequenceDims(c.batchFirst(), c.inputSize()), outShape = sequenceDims(c.batchFirst(), width);
        String input = g.input("input", FLOAT, inShape);
        String h0 = g.input("h0", FLOAT, LD, "batch", c.outputSize());
        String c0 = lstm ? g.input("c0", FLOAT, LD, "batch", c.hiddenSize()) : null;
        String lengths = sequenceLengths ? g.input("sequence_lens", INT32, "batch") : null;
        String x = c.batchFirst() ? swapFirstTwo(g, input) : input;
        RecurrentGraph.Result r = RecurrentGraph.write(g, c, weights(network.parameters(), ""), x, h0, c0, lengths);
        g.rename(c.batchFirst() ? swapFirstTwo(g, r.output()) : r.output(), "output");
        g.output("output", FLOAT, outShape);
        stateOutputs(g, r, LD, c);
        return new OnnxModel(g.build(), describe(c));
    }

    /**
     * A character language model. Inputs: {@code tokens} int64 (batch, steps), {@code h0} float (layers, batch,
     * P) and for LSTM {@code c0} (layers, batch, H); outputs {@code logits} (batch, steps, vocabulary), {@code hn}
     * and for LSTM {@code cn}. Feeding {@code hn}/{@code cn} back as {@code h0}/{@code c0} continues the stream.
     */
    public static OnnxModel charLm(CharLanguageModel model) { return charLm(model, null); }

    /**
     * As {@link #charLm(CharLanguageModel)}, with the vocabulary's characters in token order (UTF-8) stored
     * under the metadata key {@code vocabulary}, so a deployer can encode text and decode samples.
     */
    public static OnnxModel charLm(CharLanguageModel model, Vocabulary vocabulary) {
        RecurrentConfig c = model.recurrentConfig();
        Map<String, Parameter> dict = model.stateDict();
        String prefix = model.config().recurrentName() + ".";
        Parameter embedding = dict.get("embedding.weight"), headW = dict.get("head.weight");
        Parameter headB = dict.get("head.bias");
        int V = embedding.shape()[0], E = embedding.shape()[1], L = c.numLayers(), P = c.outputSize();
        boolean lstm = c.kind() == RecurrentKind.LSTM;
        OnnxGraph g = new OnnxGraph("char_lm");
        String tokens = g.input("tokens", INT64, "batch", "steps");
        String h0 = g.input("h0", FLOAT, L, "batch", P);
        String c0 = lstm ? g.input("c0", FLOAT, L, "batch", c.hiddenSize()) : null;
        String table = g.weight("embedding", embedding.value().data(), V, E);
        String x = g.op("Gather", List.of(table, swapTokens(g, tokens)), attr("axis", 0L));     // (T, B, E)
        RecurrentGraph.Result r = RecurrentGraph.write(g, c, weights(dict.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList(), ""), x, h0, c0, null);
        String top = swapFirstTwo(g, r.output());                                               // (B, T, P)
        String wT = g.weight("head_T", ProjectedLstmGraph.transpose(headW.value().data(), V, P), P, V);
        g.rename(g.op("Add", g.op("MatMul", top, wT), g.weight("head_bias", headB.value().data(), V)), "logits");
        g.output("logits", FLOAT, "batch", "steps", V);
        stateOutputs(g, r, L, c);
        if (vocabulary != null && vocabulary.size() != V) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " characters but the model "
                    + V);
        }
        Map<String, String> metadata = vocabulary == null ? Map.of() : Map.of("vocabulary", characters(vocabulary));
        String description = "character LM (vocabulary " + V + ", embedding " + E + "): " + describe(c);
        return new OnnxModel(g.build(), description, metadata);
    }

    private static String characters(Vocabulary vocabulary) {
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < vocabulary.size(); id++) sb.append(vocabulary.decode(id));
        return sb.toString();
    }

    /**
     * A built Keras-style model (or one loaded from a Keras file). Input {@code input}: int64 token ids (batch,
     * steps) when it starts with an Embedding, else float32 of its input shape; output {@code output}, its
     * prediction. Layers: Embedding (mask_zero), Masking, SimpleRNN, LSTM, GRU (both reset_after values), their
     * options (return_sequences, go_backwards, use_bias, hard-sigmoid gates), Bidirectional (every merge mode),
     * Dense, TimeDistributed(Dense), Dropout, GlobalMaxPooling1D, GlobalAveragePooling1D; any other layer is an
     * {@code IllegalArgumentException} naming it.
     */
    public static OnnxModel sequential(Sequential model) { return KerasGraph.export(model); }

    /**
     * A Keras-style encoder-decoder: inputs {@code encoder_input} and {@code decoder_input}, output {@code output},
     * the teacher-forced prediction (the decoder's input its target shifted right).
     */
    public static OnnxModel encoderDecoder(EncoderDecoder model) { return KerasGraph.export(model); }

    private static void stateOutputs(OnnxGraph g, RecurrentGraph.Result r, int LD, RecurrentConfig c) {
        g.rename(r.hn(), "hn");
        g.output("hn", FLOAT, LD, "batch", c.outputSize());
        if (r.cn() != null) {
            g.rename(r.cn(), "cn");
            g.output("cn", FLOAT, LD, "batch", c.hiddenSize());
        }
    }

    /** (a, b, ...) → (b, a, ...): batch-first ↔ time-major for rank-3 values. */
    static String swapFirstTwo(OnnxGraph g, String v) {
        return g.op("Transpose", List.of(v), attr("perm", 1L, 0L, 2L));
    }

    private static String swapTokens(OnnxGraph g, String v) {
        return g.op("Transpose", List.of(v), attr("perm", 1L, 0L));
    }

    /** (batch, steps, width) or (steps, batch, width) with named dynamic dims. */
    private static Object[] sequenceDims(boolean batchFirst, int width) {
        return batchFirst ? new Object[] {"batch", "steps", width} : new Object[] {"steps", "batch", width};
    }

    /** Parameter values under their names (with {@code prefix} taken off). */
    static Map<String, float[]> weights(List<Parameter> parameters, String prefix) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Parameter p : parameters) w.put(p.name().substring(prefix.length()), p.value().data());
        return w;
    }

    private static String describe(RecurrentConfig c) {
        return c.kind() + (c.kind() == RecurrentKind.RNN ? " " + c.nonlinearity() : "") + ", " + c.numLayers()
                + " layer(s)"
                + (c.bidirectional() ? ", bidirectional" : "") + ", hidden " + c.hiddenSize()
                + (c.projSize() > 0 ? ", proj_size " + c.projSize() : "");
    }
}
