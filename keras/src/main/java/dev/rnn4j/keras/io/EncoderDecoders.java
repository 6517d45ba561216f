package dev.rnn4j.keras.io;

import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.StateLink;
import dev.rnn4j.nn.GateFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link EncoderDecoder} from a functional model file whose graph {@link FunctionalChain} read as an encoder and a
 * decoder joined by states: the layers built from their configs, the model built from the two InputLayers' shapes,
 * then the weights assigned in either file layout.
 *
 * <pre>{@code
 * EncoderDecoder m = EncoderDecoders.build(config, graph, source, GateFunction.HARD_SIGMOID_KERAS3);
 * EncoderDecoders.assignKeras3(m, graph, h5);
 * }</pre>
 */
final class EncoderDecoders {
    private EncoderDecoders() {}

    static EncoderDecoder build(Map<String, Object> config, KerasModels.Graph graph, String source,
                                GateFunction hardSigmoid) {
        List<LayerConfig> enc = graph.encoder(), dec = graph.decoder();
        Set<Integer> givers = new HashSet<>();
        for (StateLink link : graph.links()) givers.add(link.encoder());
        List<Layer> encoderLayers = layers(enc, hardSigmoid, givers);
        List<Layer> decoderLayers = layers(dec, hardSigmoid, Set.of());
        EncoderDecoder model;
        try {
            model = EncoderDecoder.of(encoderLayers, names(enc), decoderLayers, names(dec), graph.links());
            if (config.get("config") instanceof Map<?, ?> m && m.get("name") instanceof String name
                    && !name.isBlank()) model.name(name);
            model.inputNames(enc.getFirst().name(), dec.getFirst().name());
            model.rowOrder(rowOrder(config, model));
            model.build(inputShape(enc.getFirst()), inputShape(dec.getFirst()));
        } catch (KerasFileException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KerasFileException(source + ": " + e.getMessage(), e);
        }
        return model;
    }

    /** Weights in the Keras 3 layout: each layer under layers/ by its class, counted in the config's layer order. */
    static void assignKeras3(EncoderDecoder model, KerasModels.Graph graph, Hdf5Weights h5) {
        List<Layer> layers = model.layers();
        List<LayerConfig> configs = configsInOrder(model, graph);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerConfig c = configs.get(i);
            String base = KerasModels.snakeCase(c.className());
            int n = counts.merge(base, 1, Integer::sum);
            String path = "layers/" + (n == 1 ? base : base + "_" + (n - 1));
            WeightMapping.assign(layers.get(i), KerasModels.keras3Arrays(h5, path, c), c);
        }
    }

    /** Weights in the legacy .h5 layout: each layer's group under model_weights by its name. */
    static void assignLegacy(EncoderDecoder model, KerasModels.Graph graph, Hdf5Weights h5) {
        List<Layer> layers = model.layers();
        List<LayerConfig> configs = configsInOrder(model, graph);
        List<String> stored = h5.layerNames();
        for (int i = 0; i < layers.size(); i++) {
            LayerConfig c = configs.get(i);
            if (!stored.contains(c.name()) && !layers.get(i).parameters().isEmpty()) {
                throw c.error("has no weights in model_weights (layer_names lists " + stored + ")");
            }
            WeightMapping.assign(layers.get(i), h5.legacyLayer(c.name()), c);
        }
    }

    /**
     * The layers after the chain's InputLayer; those of {@code givers} (indices after the input) keep
     * {@code return_state}, which a Sequential's layer may not have.
     */
    private static List<Layer> layers(List<LayerConfig> chain, GateFunction hardSigmoid, Set<Integer> givers) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            LayerConfig c = chain.get(i);
            boolean givesStates = givers.contains(i - 1) && c.flag("return_state", false);
            try {
                Layer l = LayerBuilder.toLayer(givesStates ? withoutReturnState(c) : c, hardSigmoid);
                if (givesStates && l instanceof Recurrent r) r.returnState(true);
                layers.add(l);
            } catch (KerasFileException e) {
                throw e;
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw c.error(e.getMessage());
            }
        }
        if (layers.isEmpty()) throw chain.getFirst().error("leads to no layers");
        return layers;
    }

    private static LayerConfig withoutReturnState(LayerConfig c) {
        Map<String, Object> config = new LinkedHashMap<>(c.config());
        config.put("return_state", false);
        return new LayerConfig(c.className(), c.name(), config, c.source());
    }

    private static List<String> names(List<LayerConfig> chain) {
        return chain.subList(1, chain.size()).stream().map(LayerConfig::name).toList();
    }

    private static Shape inputShape(LayerConfig input) {
        return KerasModels.shape(input, input.shape("batch_shape") != null ? "batch_shape" : "batch_input_shape");
    }

    /** The config's layer names in its order (Keras's model.layers order, which names the weight groups). */
    private static List<String> rowOrder(Map<String, Object> config, EncoderDecoder model) {
        List<String> order = new ArrayList<>();
        if (config.get("config") instanceof Map<?, ?> m && m.get("layers") instanceof List<?> entries) {
            for (Object e : entries) if (e instanceof Map<?, ?> l && l.get("name") instanceof String n) order.add(n);
        }
        return order.size() == model.rowOrder().size() ? order : model.rowOrder();
    }

    /** The layers' configs in the model's Keras order ({@link EncoderDecoder#layers}). */
    static List<LayerConfig> configsInOrder(EncoderDecoder model, KerasModels.Graph graph) {
        Map<String, LayerConfig> byName = configsByName(graph);
        return model.layerNamesInOrder().stream().map(byName::get).toList();
    }

    private static Map<String, LayerConfig> configsByName(KerasModels.Graph graph) {
        Map<String, LayerConfig> byName = new LinkedHashMap<>();
        for (LayerConfig c : graph.encoder()) byName.put(c.name(), c);
        for (LayerConfig c : graph.decoder()) byName.put(c.name(), c);
        return byName;
    }
}
