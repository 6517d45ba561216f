package dev.rnn4j.keras.io;

import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.StateLink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code config.json} of an {@link EncoderDecoder} as Keras 3 writes a functional model of two inputs: each
 * layer's entry with its calls ({@code inbound_nodes}: the previous layer's output as a {@code __keras_tensor__}),
 * each linked decoder layer also called with {@code initial_state} (its encoder layer's outputs 1 and 2),
 * {@code input_layers} both inputs, {@code output_layers} the decoder's last layer. The layer configs themselves are
 * {@link KerasWriter}'s.
 *
 * <pre>{@code
 * Map<String, Object> config = EncoderDecoderConfig.of(model);
 * }</pre>
 */
final class EncoderDecoderConfig {
    private EncoderDecoderConfig() {}

    /** Keras 3's Functional config of an encoder-decoder, its layers in the model's row order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(EncoderDecoder model) {
        Map<String, Map<String, Object>> entries = new HashMap<>();
        List<String> names = model.layerNames();
        int encoderSize = model.encoderLayers().size();
        List<Shape> inputs = model.inputShapes();
        Map<Integer, Integer> sourceOf = new HashMap<>();        // decoder layer -> encoder layer giving its states
        for (StateLink link : model.stateLinks()) sourceOf.put(link.decoder(), link.encoder());
        for (int chain = 0; chain < 2; chain++) {
            List<Layer> layers = chain == 0 ? model.encoderLayers() : model.decoderLayers();
            String input = model.inputNames().get(chain);
            Map<String, Object> inputConfig = new LinkedHashMap<>();
            inputConfig.put("batch_shape", KerasWriter.dims(inputs.get(chain)));
            inputConfig.put("dtype", layers.getFirst() instanceof Embedding ? "int32" : "float32");
            inputConfig.put("sparse", false);
            inputConfig.put("name", input);
            entries.put(input, node(KerasWriter.entry("InputLayer", inputConfig, null), input, List.of()));
            String previous = input;
            Shape in = inputs.get(chain);
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                String name = names.get(chain == 0 ? i : encoderSize + i);
                Map<String, Object> c = KerasWriter.layerConfig(layer, name);
                if (chain == 0 && sourceOf.containsValue(i)) c.put("return_state", true);
                Map<String, Object> kwargs = new LinkedHashMap<>();
                if (layer instanceof Recurrent) {
                    kwargs.put("training", false);
                    kwargs.put("mask", null);
                }
                if (chain == 1 && sourceOf.containsKey(i)) {
                    int from = sourceOf.get(i);
                    Recurrent giver = (Recurrent) model.encoderLayers().get(from);
                    List<Object> initial = new ArrayList<>();
                    for (int k = 1; k <= (giver instanceof LSTM ? 2 : 1); k++) {
                        initial.add(kerasTensor(names.get(from), k, Shape.of(Shape.NONE, giver.units())));
                    }
                    kwargs.put("initial_state", initial);
                }
                Map<String, Object> call = new LinkedHashMap<>();
                Map<String, Object> argument = kerasTensor(previous, 0, in);
                if (i == 0 && layer instanceof Embedding) {                 // the input's token ids
                    ((Map<String, Object>) argument.get("config")).put("dtype", "int32");
                }
                call.put("args", List.of(argument));
                call.put("kwargs", kwargs);
                entries.put(name, node(KerasWriter.entry(layer.typeName(), c, in), name, List.of(call)));
                previous = name;
                in = layer.outputShape();
            }
        }
        List<Object> layers = new ArrayList<>();
        for (String n : model.rowOrder()) layers.add(entries.get(n));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", model.name());
        inner.put("trainable", true);
        inner.put("layers", layers);
        inner.put("input_layers", List.of(List.of(model.inputNames().get(0), 0, 0),
                List.of(model.inputNames().get(1), 0, 0)));
        inner.put("output_layers", List.of(names.getLast(), 0, 0));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", "keras.src.models.functional");
        root.put("class_name", "Functional");
        root.put("config", inner);
        root.put("registered_name", "Functional");
        root.put("build_config", Map.of("input_shape", List.of(KerasWriter.dims(inputs.get(0)),
                KerasWriter.dims(inputs.get(1)))));
        root.put("compile_config", KerasWriter.compileConfig(model));
        return root;
    }

    /** A functional config's layer entry: its name and its calls (inbound nodes). */
    private static Map<String, Object> node(Map<String, Object> entry, String name, List<Object> calls) {
        entry.put("name", name);
        entry.put("inbound_nodes", calls);
        return entry;
    }

    /** Keras 3's reference to output {@code index} of a layer's first call, with its shape. */
    private static Map<String, Object> kerasTensor(String layer, int index, Shape shape) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", KerasWriter.dims(shape));
        config.put("dtype", "float32");
        config.put("keras_history", List.of(layer, 0, index));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("class_name", "__keras_tensor__");
        t.put("config", config);
        return t;
    }
}
