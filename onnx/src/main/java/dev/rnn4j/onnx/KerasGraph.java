package dev.rnn4j.onnx;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Bidirectional;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Dropout;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.GlobalAveragePooling1D;
import dev.rnn4j.keras.GlobalMaxPooling1D;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Masking;
import dev.rnn4j.keras.MergeMode;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.SimpleRNN;
import dev.rnn4j.keras.StateLink;
import dev.rnn4j.keras.TimeDistributed;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.onnx.OnnxGraph.FLOAT;
import static dev.rnn4j.onnx.OnnxGraph.INT32;
import static dev.rnn4j.onnx.OnnxGraph.INT64;
import static dev.rnn4j.onnx.OnnxGraph.attr;

/**
 * A Keras-style {@link Sequential} (or {@link EncoderDecoder}) as an ONNX graph, one small method per layer. The
 * graph's {@code input} is int64 token ids (batch, steps) when the model starts with an Embedding, else float32 of
 * the model's input shape; its {@code output} is the model's prediction. Masks travel as int32 sequence lengths (the
 * steps up to the last unmasked one), which the recurrent nodes take as {@code sequence_lens}, as rnn4j's layers do.
 */
final class KerasGraph {
    static final String SUPPORTED = "Embedding, Masking, SimpleRNN, LSTM, GRU, Bidirectional, Dense, "
            + "TimeDistributed(Dense), Dropout, GlobalMaxPooling1D, GlobalAveragePooling1D";

    /** A value flowing between layers: its name, rank and sequence lengths (int32 [batch], or null). */
    private record Value(String name, int rank, String lengths) {
        Value with(String newName, int newRank) { return new Value(newName, newRank, lengths); }
    }

    private final OnnxGraph g;
    /** The final states (h, and c for an LSTM; each (1, B, H)) of the last one-direction recurrent layer written. */
    private String[] lastStates;

    private KerasGraph(String name) { this.g = new OnnxGraph(name); }

    static OnnxModel export(Sequential model) {
        if (!model.isBuilt()) {
            throw new IllegalArgumentException("cannot export an unbuilt Sequential: it has no weights yet; build it "
                    + "(model.build(...)) or train it first");
        }
        return new KerasGraph("sequential").write(model);
    }

    /**
     * An encoder-decoder as one graph of two inputs, {@code encoder_input} and {@code decoder_input} (int64 token ids
     * after an Embedding, else float32), and one {@code output}: the teacher-forced prediction, each linked encoder
     * layer's final states (zeros for an all-padding row) the initial states of its decoder layer.
     */
    static OnnxModel export(EncoderDecoder model) {
        if (!model.isBuilt()) {
            throw new IllegalArgumentException("cannot export an unbuilt EncoderDecoder: it has no weights yet; build "
                    + "it or train it first");
        }
        return new KerasGraph("encoder_decoder").write(model);
    }

    private OnnxModel write(Sequential model) {
        List<Layer> layers = model.layers();
        List<String> names = model.layerNames();
        Value v = input("input", layers.getFirst());
        for (int i = 0; i < layers.size(); i++) v = layer(names.get(i), layers.get(i), v, null);
        g.rename(v.name(), "output");
        g.output("output", FLOAT, dims(model.outputShape(), "steps"));
        String input = layers.getFirst() instanceof Embedding ? "int64 token ids" : "float32";
        return new OnnxModel(g.build(), "Keras-style Sequential (input " + input + "): " + String.join(", ",
                layers.stream().map(Layer::typeName).toList()));
    }

    private OnnxModel write(EncoderDecoder model) {
        List<Layer> encoder = model.encoderLayers(), decoder = model.decoderLayers();
        List<String> names = model.layerNames();
        Map<Integer, Integer> sourceOf = new HashMap<>();          // decoder layer -> encoder layer giving its states
        for (StateLink link : model.stateLinks()) sourceOf.put(link.decoder(), link.encoder());
        Map<Integer, String[]> states = new HashMap<>();            // encoder layer -> its final states
        Value e = input("encoder_input", encoder.getFirst());
        for (int i = 0; i < encoder.size(); i++) {
            e = layer(names.get(i), encoder.get(i), e, null);
            if (sourceOf.containsValue(i)) states.put(i, lastStates);
        }
        Value d = input("decoder_input", decoder.getFirst());
        for (int i = 0; i < decoder.size(); i++) {
            String[] initial = sourceOf.containsKey(i) ? states.get(sourceOf.get(i)) : null;
            d = layer(names.get(encoder.size() + i), decoder.get(i), d, initial);
        }
        g.rename(d.name(), "output");
        g.output("output", FLOAT, dims(model.outputShape(), stepsDim("decoder_input")));
        return new OnnxModel(g.build(), "Keras-style encoder-decoder (inputs encoder_input, decoder_input): "
                + String.join(", ", encoder.stream().map(Layer::typeName).toList()) + " -> states -> "
                + String.join(", ", decoder.stream().map(Layer::typeName).toList()));
    }

    /** One layer on {@code v}; a recurrent one from {@code initial} states (null: zeros). */
    private Value layer(String name, Layer layer, Value v, String[] initial) {
        return switch (layer) {
            case Embedding e -> embedding(e, v);
            case Masking m -> masking(m, v);
            case Recurrent r -> recurrent(name, r, false, MergeMode.CONCAT, r.parameters(), v, initial);
            case Bidirectional b -> recurrent(name, b.layer(), true, b.mergeMode(), b.parameters(), v, null);
            case Dense d -> dense(d, v);
            case TimeDistributed t -> dense(t.layer(), v);
            case GlobalAveragePooling1D ignored -> globalAveragePooling(v);
            case Dropout ignored -> v;                      // the identity at inference
            case GlobalMaxPooling1D ignored -> globalMaxPooling(v);
            default -> throw new IllegalArgumentException("cannot export layer " + name + " ("
                    + layer.typeName() + ") to ONNX: there is no exporter for it; build the model from the "
                    + "supported layers: " + SUPPORTED);
        };
    }

    /** The graph input {@code name}; its step count is the dim {@code steps}, or NAME_steps beside another input. */
    private Value input(String name, Layer first) {
        String steps = stepsDim(name);
        if (first instanceof Embedding) return new Value(g.input(name, INT64, "batch", steps), 2, null);
        Shape s = switch (first) {
            case Recurrent r -> Shape.of(Shape.NONE, Shape.NONE, r.parameters().getFirst().shape()[1]);
            case Bidirectional b -> Shape.of(Shape.NONE, Shape.NONE, b.parameters().getFirst().shape()[1]);
            case Dense d -> first.outputShape().withLast(d.weight().shape()[1]);
            default -> first.outputShape();                     // the parameter-free layers keep their input's shape
        };
        return new Value(g.input(name, FLOAT, dims(s, steps)), s.rank(), null);
    }

    /** The dim name of an input's steps: two inputs of different lengths need two names. */
    private static String stepsDim(String input) {
        return input.equals("input") ? "steps" : input.replace("_input", "") + "_steps";
    }

    /** Keras's Embedding: a Gather; with maskZero the lengths are the steps up to the last non-zero id. */
    private Value embedding(Embedding e, Value v) {
        String table = g.weight("embedding", e.weight().value().data(), e.inputDim(), e.outputDim());
        String y = g.op("Gather", List.of(table, v.name()), attr("axis", 0L));
        String lengths = v.lengths();
        if (e.isMaskZero()) lengths = lastValidStep(g.op("Not", g.op("Equal", v.name(), g.scalar("pad", 0L))));
        return new Value(y, 3, lengths);
    }

    /** Keras's Masking: a step is padding when all its features equal the mask value. */
    private Value masking(Masking m, Value v) {
        String masked = g.cast(g.op("Equal", v.name(), g.scalar("mask_value", m.maskValue())), INT32);
        String allMasked = g.op("ReduceMin", List.of(masked), attr("axes", new long[] {2}), attr("keepdims", 0L));
        String found = lastValidStep(g.op("Not", g.cast(allMasked, OnnxGraph.BOOL)));
        return new Value(v.name(), v.rank(), v.lengths() == null ? found : g.op("Min", found, v.lengths()));
    }

    /** int32 (batch): 1 + the index of the last true step of {@code valid} (batch, steps), 0 when none is. */
    private String lastValidStep(String valid) {
        String position = g.op("Add", g.range(g.size(valid, 1)), g.scalar("one", 1L));       // 1, 2, ..., steps
        return g.cast(g.reduceMax(g.op("Mul", g.cast(valid, INT64), position), 1), INT32);
    }

    /**
     * SimpleRNN / LSTM / GRU, one or two directions, from zero states or (one direction) {@code initial} ones. Keras's
     * single bias is PyTorch's b_ih with b_hh zero (rnn4j leaves b_hh out of the layer's parameters, so a missing bias
     * counts as zeros). Keeps one direction's final states in {@link #lastStates}.
     */
    private Value recurrent(String name, Recurrent r, boolean bidirectional, MergeMode merge,
                            List<Parameter> parameters, Value v, String[] initial) {
        RecurrentKind kind = switch (r) {
            case LSTM ignored -> RecurrentKind.LSTM;
            case GRU ignored -> RecurrentKind.GRU;
            case SimpleRNN ignored -> RecurrentKind.RNN;
        };
        int inputSize = parameters.getFirst().shape()[1], H = r.units();
        Nonlinearity act = r.activation() == Activation.RELU ? Nonlinearity.RELU : Nonlinearity.TANH;
        boolean resetAfter = !(r instanceof GRU gru) || gru.isResetAfter();
        RecurrentConfig c = new RecurrentConfig(kind, inputSize, H, 1, r.isUseBias(), true, 0f, bidirectional, 0, act,
                0, resetAfter, r.recurrentActivation());
        // An all-padding sequence (length 0) runs one step and then gets zeros, as rnn4j's layers do: onnxruntime's
        // RNN leaves such a row's final state unwritten.
        String runLengths = v.lengths() == null ? null : g.op("Max", v.lengths(), g.scalar("one", 1, INT32));
        String x = v.name();
        if (r.isGoBackwards()) x = reverseSteps(x, runLengths);
        boolean lstm = kind == RecurrentKind.LSTM;
        String h0 = initial == null ? "" : initial[0], c0 = !lstm ? null : initial == null ? "" : initial[1];
        RecurrentGraph.Result out = RecurrentGraph.write(g, c, OnnxExport.weights(parameters, ""),
                OnnxExport.swapFirstTwo(g, x), h0, c0, runLengths);
        if (!bidirectional) {
            // a row of length 0 keeps its initial states (onnxruntime ran it one step)
            lastStates = lstm ? new String[] {keepEmptyRows(out.hn(), h0, v.lengths()),
                    keepEmptyRows(out.cn(), c0, v.lengths())} : new String[] {keepEmptyRows(out.hn(), h0, v.lengths())};
        }
        if (r.isReturnSequences()) {
            String y = out.output();                                                   // (T, B, D·H)
            if (bidirectional && merge != MergeMode.CONCAT) {
                String[] ab = g.ops("Split", 2, List.of(y, g.ints("split", H, H)), attr("axis", 2L));
                y = merge(merge, ab[0], ab[1]);
            }
            y = OnnxExport.swapFirstTwo(g, y);                                         // (B, T, D·H)
            if (!bidirectional && v.lengths() != null) y = maskedSteps(r, y, out.hn(), runLengths, v.lengths());
            return v.with(zeroEmptyRows(y, v.lengths(), 3), 3);
        }
        String last;
        if (bidirectional && merge != MergeMode.CONCAT) {
            String fw = g.op("Gather", List.of(out.hn(), g.scalar("forward", 0L)), attr("axis", 0L));
            String bw = g.op("Gather", List.of(out.hn(), g.scalar("backward", 1L)), attr("axis", 0L));
            last = merge(merge, fw, bw);
        } else {   // each direction's final h side by side, (D, B, H) -> (B, D·H)
            String bdh = g.op("Transpose", List.of(out.hn()), attr("perm", 1L, 0L, 2L));
            last = g.op("Reshape", bdh, g.ints("shape", 0, -1));
        }
        if (!bidirectional && v.lengths() != null && r.isZeroOutputForMask() && !r.isGoBackwards()) {
            // zero_output_for_mask: a padded row's last step is masked, so its last output is 0.
            String padded = g.op("Less", g.cast(v.lengths(), INT64), g.size(v.name(), 1));
            last = g.op("Where", g.unsqueeze(padded, 1), g.scalar("zero", 0f), last);
        }
        return new Value(zeroEmptyRows(last, v.lengths(), 2), 2, null);
    }

    /**
     * Keras's outputs at masked steps of one direction (see rnn4j's MaskedSteps): the RNN operator leaves zeros
     * after each row's length. Forward, those steps repeat the last valid output (the final h) unless
     * zero_output_for_mask; go_backwards, the valid outputs move to the end, after zeros for the padding.
     */
    private String maskedSteps(Recurrent r, String y, String hn, String runLengths, String lengths) {
        if (r.isGoBackwards()) {       // reversing each row's valid steps and then all steps shifts them right
            String reversed = g.op("ReverseSequence", List.of(y, g.cast(runLengths, INT64)), attr("batch_axis", 0L),
                    attr("time_axis", 1L));
            return reverseSteps(reversed, null);
        }
        if (r.isZeroOutputForMask()) return y;
        String last = g.unsqueeze(g.op("Squeeze", hn, g.ints("axes", 0)), 1);                  // (B, 1, H)
        return g.op("Where", validSteps(y, g.unsqueeze(g.cast(lengths, INT64), 1)), y, last);
    }

    /** A final state (1, B, H) with the rows whose length is 0 set to their initial state (empty name: 0). */
    private String keepEmptyRows(String state, String initial, String lengths) {
        return replaceEmptyRows(state, lengths, new long[] {1, -1, 1},
                initial.isEmpty() ? g.scalar("zero", 0f) : initial);
    }

    /** {@code y} (B, ...) of rank {@code rank} with the rows whose length is 0 set to 0 (no lengths: y). */
    private String zeroEmptyRows(String y, String lengths, int rank) {
        return replaceEmptyRows(y, lengths, rank == 3 ? new long[] {-1, 1, 1} : new long[] {-1, 1},
                g.scalar("zero", 0f));
    }

    /** {@code y} with the rows whose length is 0 (batch along the -1 of {@code rowShape}) set to {@code value}. */
    private String replaceEmptyRows(String y, String lengths, long[] rowShape, String value) {
        if (lengths == null) return y;
        String empty = g.op("Equal", lengths, g.scalar("zero", 0, INT32));
        return g.op("Where", g.op("Reshape", empty, g.ints("empty_shape", rowShape)), value, y);
    }

    /** Keras's Bidirectional merge_mode other than concat, element by element. */
    private String merge(MergeMode mode, String a, String b) {
        return switch (mode) {
            case SUM -> g.op("Add", a, b);
            case MUL -> g.op("Mul", a, b);
            case AVE -> g.op("Mul", g.op("Add", a, b), g.scalar("half", 0.5f));
            case CONCAT -> throw new IllegalStateException("concat is not an element-wise merge");
        };
    }

    /** go_backwards: each sequence's valid steps (all without lengths) in reverse order, padding left in place. */
    private String reverseSteps(String x, String lengths) {
        if (lengths == null) {
            return g.op("Slice", x, g.ints("start", -1), g.ints("end", Long.MIN_VALUE), g.ints("axis", 1),
                    g.ints("step", -1));
        }
        return g.op("ReverseSequence", List.of(x, g.cast(lengths, INT64)), attr("batch_axis", 0L),
                attr("time_axis", 1L));
    }

    /** Keras's Dense: {@code f(x W + b)} on the last dimension. */
    private Value dense(Dense d, Value v) {
        int[] shape = d.weight().shape();                       // (units, in), PyTorch's layout
        String wT = g.weight("kernel", ProjectedLstmGraph.transpose(d.weight().value().data(), shape[0], shape[1]),
                shape[1], shape[0]);
        String z = g.op("MatMul", v.name(), wT);
        if (d.bias() != null) z = g.op("Add", z, g.weight("bias", d.bias().value().data(), shape[0]));   // use_bias
        String y = switch (d.activation()) {
            case LINEAR -> z;
            case RELU -> g.op("Relu", z);
            case TANH -> g.op("Tanh", z);
            case SIGMOID -> g.op("Sigmoid", z);
            case SOFTMAX -> g.op("Softmax", List.of(z), attr("axis", -1L));
        };
        return v.with(y, v.rank());
    }

    /** Keras's GlobalMaxPooling1D: the maximum over all steps (it takes no mask). */
    private Value globalMaxPooling(Value v) { return new Value(g.reduceMax(v.name(), 1), 2, null); }

    /** Keras's GlobalAveragePooling1D: the mean over valid steps; a sequence without any gives zeros. */
    private Value globalAveragePooling(Value v) {
        if (v.lengths() == null) {
            return new Value(g.op("ReduceMean", List.of(v.name()), attr("axes", new long[] {1}), attr("keepdims", 0L)),
                    2, null);
        }
        String lengths = g.unsqueeze(g.cast(v.lengths(), INT64), 1);                             // (B, 1)
        String x = g.op("Where", validSteps(v.name(), lengths), v.name(), g.scalar("zero", 0f));
        String sum = g.op("ReduceSum", List.of(x, g.ints("axes", 1)), attr("keepdims", 0L));
        String count = g.cast(g.op("Max", lengths, g.scalar("one", 1L)), FLOAT);
        return new Value(zeroWhereEmpty(g.op("Div", sum, count), lengths), 2, null);
    }

    /** (B, T, 1) booleans: step t of sequence b is valid, t &lt; lengths[b], for x (B, T, F) and lengths (B, 1). */
    private String validSteps(String x, String lengths) {
        String t = g.unsqueeze(g.range(g.size(x, 1)), 0);                                         // (1, T)
        return g.unsqueeze(g.op("Less", t, lengths), 2);
    }

    /** {@code y} (B, F) with the rows of empty sequences (length 0) set to 0. */
    private String zeroWhereEmpty(String y, String lengths) {
        return g.op("Where", g.op("Equal", lengths, g.scalar("zero", 0L)), g.scalar("zero", 0f), y);
    }

    /** ONNX dims of a Keras shape: unknown batch and step counts become the named dims "batch" and {@code steps}. */
    private static Object[] dims(Shape s, String steps) {
        Object[] d = new Object[s.rank()];
        for (int i = 0; i < d.length; i++) {
            if (s.dim(i) != Shape.NONE) d[i] = s.dim(i);
            else d[i] = i == 0 ? "batch" : i == 1 && s.rank() == 3 ? steps : null;
        }
        return d;
    }
}
