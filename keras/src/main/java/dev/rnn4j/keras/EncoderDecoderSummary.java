package dev.rnn4j.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's summary of an {@link EncoderDecoder}, a functional model that is not a chain: a row per input and per
 * layer in the model's {@link EncoderDecoder#rowOrder} with a "Connected to" column (the state layer also connected to
 * the encoder's states, {@code lstm[0][1], lstm[0][2]}); the encoder's last layer shows its output and its states.
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
        addRows(rows, model, encoder, model.inputNames().get(0), -1, "", true);
        String last = encoder.layerNames().getLast();
        StringBuilder fromStates = new StringBuilder();
        for (int k = 1; k <= states((Recurrent) encoder.layers().getLast()); k++) {
            fromStates.append(", ").append(last).append("[0][").append(k).append(']');
        }
        addRows(rows, model, decoder, model.inputNames().get(1), model.stateLayer(), fromStates.toString(), false);
        List<Keras3Summary.Row> ordered = new ArrayList<>();
        for (String n : model.rowOrder()) ordered.add(rows.get(n));
        long fixed = encoder.nonTrainableParams() + decoder.nonTrainableParams();
        return Keras3Summary.render(model.name(), ordered, Keras3Summary.Totals.of(model.trainableParams(), fixed,
                model.optimizer()));
    }

    /**
     * One chain's input and layers by name, each connected to the one before; layer {@code statesAt} also to
     * {@code fromStates}; an encoder's last layer shows its states beside its output.
     */
    private static void addRows(Map<String, Keras3Summary.Row> rows, EncoderDecoder model, Sequential chain,
                                String input, int statesAt, String fromStates, boolean encoder) {
        boolean built = model.isBuilt();
        rows.put(input, new Keras3Summary.Row(input + " (InputLayer)", built ? chain.inputShape().toString() : "?",
                "0", "-"));
        String previous = input;
        List<Layer> layers = chain.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String name = chain.layerNames().get(i);
            String shape = built ? l.outputShape().toString() : "?";
            if (built && encoder && i == layers.size() - 1 && l instanceof Recurrent r) {
                String state = Shape.of(Shape.NONE, r.units()).toString();
                shape = "[" + shape + (", " + state).repeat(states(r)) + "]";
            }
            String params = built ? Summary.thousands(l.trainableParams() + l.nonTrainableParams())
                    : l instanceof ParameterFreeLayer ? "0" : "0 (unbuilt)";
            rows.put(name, new Keras3Summary.Row(name + " (" + l.typeName() + ")", shape, params,
                    previous + "[0][0]" + (i == statesAt ? fromStates : "")));
            previous = name;
        }
    }

    private static int states(Recurrent r) { return r instanceof LSTM ? 2 : 1; }
}
