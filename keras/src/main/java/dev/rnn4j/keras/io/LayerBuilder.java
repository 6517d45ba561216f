package dev.rnn4j.keras.io;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Bidirectional;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Dropout;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.GlobalAveragePooling1D;
import dev.rnn4j.keras.GlobalMaxPooling1D;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Masking;
import dev.rnn4j.keras.MergeMode;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.SimpleRNN;
import dev.rnn4j.keras.TimeDistributed;
import dev.rnn4j.nn.GateFunction;

import java.util.List;

/**
 * A Keras layer config to the matching {@code dev.rnn4j.keras} layer, refusing what the layer cannot reproduce
 * exactly: every option that changes the outputs is either honoured or named in the error. Options that only
 * matter to Keras's storage or speed (initialisers, regularisers, constraints, {@code unroll}) are ignored;
 * {@code dropout} and {@code recurrent_dropout} inside recurrent layers act in {@code fit}, as in Keras.
 */
final class LayerBuilder {
    /** The classes {@link #toLayer} knows, for error messages. */
    static final List<String> SUPPORTED = List.of("InputLayer", "Embedding", "Masking", "SimpleRNN", "LSTM", "GRU",
            "Bidirectional", "Dense", "TimeDistributed(Dense)", "Dropout", "GlobalMaxPooling1D",
            "GlobalAveragePooling1D");

    private LayerBuilder() {}

    /**
     * The layer for {@code c}; {@code hardSigmoid} is what {@code 'hard_sigmoid'} means in this file (Keras 2's
     * clip(0.2x + 0.5) or Keras 3's clip(x/6 + 0.5): the version that saved the file decides).
     */
    static Layer toLayer(LayerConfig c, GateFunction hardSigmoid) {
        return switch (c.className()) {
            case "Embedding" -> {
                Embedding e = new Embedding(c.integer("input_dim"),
                        c.integer("output_dim")).maskZero(c.flag("mask_zero", false));
                if (c.config().get("input_length") != null) e.inputLength(c.integer("input_length"));
                yield e;
            }
            case "Masking" -> new Masking(c.number("mask_value", 0.0));
            case "Dropout" -> new Dropout(c.number("rate", 0.0));
            case "Dense" -> dense(c);
            case "TimeDistributed" -> {
                LayerConfig inner = c.inner();
                c.require(inner.className().equals("Dense"), "wraps a " + inner.className()
                        + "; only TimeDistributed(Dense) is supported");
                yield new TimeDistributed(dense(inner));
            }
            case "SimpleRNN", "LSTM", "GRU" -> recurrent(c, hardSigmoid);
            case "Bidirectional" -> bidirectional(c, hardSigmoid);
            case "GlobalMaxPooling1D" -> {
                pooling(c);
                yield new GlobalMaxPooling1D();
            }
            case "GlobalAveragePooling1D" -> {
                pooling(c);
                yield new GlobalAveragePooling1D();
            }
            default -> throw unsupported(c);
        };
    }

    static KerasFileException unsupported(LayerConfig c) {
        return c.error("is not supported; supported layers: " + String.join(", ", SUPPORTED));
    }

    private static Dense dense(LayerConfig c) {
        return new Dense(c.integer("units"), activation(c, "activation", "linear", List.of(Activation.values())))
                .useBias(c.flag("use_bias", true));
    }

    private static Bidirectional bidirectional(LayerConfig c, GateFunction hardSigmoid) {
        LayerConfig inner = c.inner();
        c.require(inner.className().equals("SimpleRNN") || inner.className().equals("LSTM")
                || inner.className().equals("GRU"),
                "wraps a " + inner.className() + "; Bidirectional supports SimpleRNN, LSTM and GRU");
        if (c.config().get("backward_layer") != null) {
            // Keras 3 always writes the backward layer; only the one it derives itself is supported.
            LayerConfig backward = LayerConfig.of(c.config().get("backward_layer"), c.source());
            c.require(backward.className().equals(inner.className())
                            && Boolean.TRUE.equals(backward.config().get("go_backwards"))
                            && withoutDirection(backward).equals(withoutDirection(inner)),
                    "has a backward_layer that differs from its layer; only Keras's default backward layer "
                            + "is supported");
        }
        Object mode = c.config().containsKey("merge_mode") ? c.config().get("merge_mode") : "concat";
        c.require(mode instanceof String, "has merge_mode " + mode
                + " (a list of outputs), which a Sequential cannot pass on");
        Recurrent layer = recurrent(inner, hardSigmoid);
        inner.require(!layer.isGoBackwards(), "inside Bidirectional must not set go_backwards");
        try {
            return new Bidirectional(layer).mergeMode(MergeMode.of((String) mode));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    /** A recurrent layer's options apart from its name and direction. */
    private static java.util.Map<String, Object> withoutDirection(LayerConfig c) {
        java.util.Map<String, Object> m = new java.util.HashMap<>(c.config());
        m.remove("name");
        m.remove("go_backwards");
        return m;
    }

    private static Recurrent recurrent(LayerConfig c, GateFunction hardSigmoid) {
        int units = c.integer("units");
        c.require(!c.flag("return_state", false),
                "sets return_state, whose list of outputs a Sequential cannot pass on");
        c.require(!c.flag("time_major", false), "sets time_major, which is not supported (inputs are batch first)");
        // Keras 2.0-2.2 files may leave out options whose defaults later changed: reset_after (False before TF2)
        // and recurrent_activation (hard_sigmoid before TF2). A file saved by Keras 2 takes the old defaults.
        boolean keras2 = hardSigmoid == GateFunction.HARD_SIGMOID_KERAS2;
        boolean resetAfter = c.flag("reset_after", !keras2);
        String recurrentActivation = c.text("recurrent_activation", keras2 ? "hard_sigmoid" : "sigmoid");
        Recurrent r = switch (c.className()) {
            case "SimpleRNN" -> new SimpleRNN(units).activation(activation(c, "activation", "tanh",
                    List.of(Activation.TANH, Activation.RELU)));
            case "LSTM" -> new LSTM(units);
            default -> new GRU(units).resetAfter(resetAfter);
        };
        if (!c.className().equals("SimpleRNN")) {
            activation(c, "activation", "tanh", List.of(Activation.TANH));
            c.require(recurrentActivation.equals("sigmoid") || recurrentActivation.equals("hard_sigmoid"),
                    "has recurrent_activation '" + recurrentActivation + "'; supported: sigmoid, hard_sigmoid");
            boolean hard = recurrentActivation.equals("hard_sigmoid");
            r.recurrentActivation(hard ? hardSigmoid : GateFunction.SIGMOID);
        }
        r.stateful(c.flag("stateful", false));
        r.dropout(rate(c, "dropout"));
        r.recurrentDropout(rate(c, "recurrent_dropout"));
        if (!c.className().equals("SimpleRNN")) {
            // Keras 2 writes it (0, its oldest mode, now means 1); Keras 3 only honours 1 or 2 when given
            int mode = (int) c.number("implementation", 2);
            c.require(mode >= 0 && mode <= 2, "has implementation " + mode + "; Keras knows 1 and 2");
            r.implementation(mode == 2 ? 2 : 1);
        }
        r.returnSequences(c.flag("return_sequences", false));
        r.goBackwards(c.flag("go_backwards", false));
        r.useBias(c.flag("use_bias", true));
        // Read for standalone layers; Bidirectional overrides it with return_sequences, as Keras does.
        r.zeroOutputForMask(c.flag("zero_output_for_mask", false));
        return r;
    }

    /** A dropout rate of a recurrent layer, applied by {@code fit} as Keras applies it. */
    private static double rate(LayerConfig c, String key) {
        double rate = c.number(key, 0.0);
        c.require(rate >= 0 && rate < 1, "has " + key + " " + rate + "; supported: a rate in [0, 1)");
        return rate;
    }

    private static void pooling(LayerConfig c) {
        String format = c.text("data_format", "channels_last");
        c.require(format.equals("channels_last"), "has data_format '" + format + "'; only channels_last is supported");
        c.require(!c.flag("keepdims", false), "sets keepdims, which is not supported");
    }

    private static Activation activation(LayerConfig c, String key, String absent, List<Activation> allowed) {
        String name = c.text(key, absent);
        for (Activation a : allowed) if (a.kerasName().equals(name)) return a;
        throw c.error("has " + key + " '" + name + "'; supported: "
                + String.join(", ", allowed.stream().map(Activation::kerasName).toList()));
    }
}
