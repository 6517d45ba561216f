package dev.rnn4j.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's summary of an {@link EncoderDecoder}, a functional model that is not a chain: a row per input and per
 * layer in the model's {@link EncoderDecoder#rowOrder} with a "Connected to" column (a linked decoder layer also
 * connected to its encoder layer's states, {@code lstm[0][1], lstm[0][2]}); an encoder layer whose states are handed on
 * shows them beside its output.
 * The Keras 2 table is for {@link Sequential} models only.
 *
 * <pre>{@code
 * String table = EncoderDecoderSummary.render(model, SummaryStyle.KERAS3);
 * }</pre>
 */
final class EncoderDecoderSummary {
    private EncoderDecoderSummary() {}

    static String render(EncoderDecoder model, SummaryStyle style) {
        if (style != SummaryStyle.KERAS3) {
            throw new IllegalArgumentException("an encoder-decoder's summary is Keras 3's table; the Keras 2 table is "
                    + "available for Sequential models");
        }
        Sequential encoder = model.encoder(), decoder = model.decoder();
        Map<String, Keras3Summary.Row> rows = new HashMap<>();
        Map<Integer, String> fromStates = new HashMap<>();      // decoder layer -> ", lstm[0][1], lstm[0][2]"
        java.util.Set<Integer> givers = new java.util.HashSet<>();
        for (StateLink link : model.stateLinks()) {
            givers.add(link.encoder());
            String giver = encoder.layerNames().get(link.encoder());
            StringBuilder refs = new StringBuilder();
            for (int k = 1; k <= states((Recurrent) encoder.layers().get(link.encoder())); k++) {
                refs.append(", ").append(giver).append("[0][").append(k).append(']');
            }
            fromStates.put(link.decoder(), refs.toString());
        }
        addRows(rows, model, encoder, model.inputNames().get(0), Map.of(), givers);
        addRows(rows, model, decoder, model.inputNames().get(1), fromStates, java.util.Set.of());
        List<Keras3Summary.Row> ordered = new ArrayList<>();
        for (String n : model.rowOrder()) ordered.add(rows.get(n));
        long fixed = encoder.nonTrainableParams() + decoder.nonTrainableParams();
        return Keras3Summary.render(model.name(), ordered, Keras3Summary.Totals.of(model.trainableParams(), fixed,
                model.optimizer()));
    }

    /**
     * One chain's input and layers by name, each connected to the one before, a layer of {@code fromStates} also to
     * those states; the layers of {@code givers} show their states beside their output.
     */
    private static void addRows(Map<String, Keras3Summary.Row> rows, EncoderDecoder model, Sequential chain,
                                String input, Map<Integer, String> fromStates, java.util.Set<Integer> givers) {
        boolean built = model.isBuilt();
        rows.put(input, new Keras3Summary.Row(input + " (InputLayer)", built ? chain.inputShape().toString() : "?",
                "0", "-"));
        String previous = input;
        List<Layer> layers = chain.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String name = chain.layerNames().get(i);
            String shape = built ? l.outputShape().toString() : "?";
            if (built && givers.contains(i) && l instanceof Recurrent r) {
                String state = Shape.of(Shape.NONE, r.units()).toString();
                shape = "[" + shape + (", " + state).repeat(states(r)) + "]";
            }
            String params = built ? Summary.thousands(l.trainableParams() + l.nonTrainableParams())
                    : l instanceof ParameterFreeLayer ? "0" : "0 (unbuilt)";
            rows.put(name, new Keras3Summary.Row(name + " (" + l.typeName() + ")", shape, params,
                    previous + "[0][0]" + fromStates.getOrDefault(i, "")));
            previous = name;
        }
    }

    private static int states(Recurrent r) { return StateLink.states(r); }
}
