package dev.rnn4j.keras.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers of a functional model ({@code keras.Model(inputs, outputs)}: class {@code Functional}, or
 * {@code Model} in early Keras 2) whose graph is one chain, input first, as a {@link KerasModels} Sequential
 * takes them: one input, one output, and every layer called once on the previous layer's output.
 *
 * <p>Two layouts of a call ("inbound node") exist. Keras 3 writes {@code {"args": [tensor], "kwargs": {...}}}
 * with each tensor as {@code {"class_name": "__keras_tensor__", "config": {"keras_history": [layer, node,
 * index]}}}, and the model's {@code input_layers}/{@code output_layers} as one {@code [layer, node, index]} (or
 * a list of them). Keras 2 writes a call as a list of {@code [layer, node, index, kwargs]} and the model's
 * inputs and outputs as lists of {@code [layer, node, index]}.
 *
 * <p>Only the first output of a layer can continue the chain; a recurrent layer with {@code return_state}
 * whose states nothing uses loads without it. A {@code mask} argument is ignored (Keras recomputes masks from
 * the layers when the model runs), as are the layers that only compute such a mask. Anything else (branches,
 * several inputs or outputs, a layer called twice, initial states from another layer, Lambda or nested models)
 * gets a {@link KerasFileException} naming the file, the layer and what is supported.
 */
final class FunctionalChain {
    private static final String SUPPORTED = "only functional models whose layers form one chain (one input, one "
            + "output, each layer called once on the previous layer's output) can be loaded";

    private static final String LATER_OUTPUT =
            "(a returned state, or the second output of a Bidirectional with merge_mode=None)";

    /** A reference to one output tensor of one call of a layer. */
    private record Ref(String layer, long node, long index) {}

    /** One call of a layer: the tensors passed positionally and the layers giving it a mask. */
    private record Call(List<Ref> inputs, List<Ref> masks) {}

    private final String source;
    private final Map<String, Map<String, Object>> byName = new LinkedHashMap<>();

    private FunctionalChain(String source) { this.source = source; }

    /** The layer entries of {@code modelConfig} (the model's inner {@code config}) in chain order. */
    static List<Map<String, Object>> layers(Map<String, Object> modelConfig, String source) {
        return new FunctionalChain(source).chain(modelConfig);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> chain(Map<String, Object> config) {
        if (!(config.get("layers") instanceof List<?> entries) || entries.isEmpty()) {
            throw new KerasFileException(source + ": the functional model config has no layers");
        }
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw new KerasFileException(source + ": a layer entry of the functional model config has no name");
            }
            if (byName.put(name, (Map<String, Object>) m) != null) {
                throw new KerasFileException(source + ": two layers are named '" + name + "'");
            }
        }
        Ref input = single(config.get("input_layers"), "input");
        Ref output = single(config.get("output_layers"), "output");
        List<Map<String, Object>> chain = new ArrayList<>();
        Set<String> maskSources = new HashSet<>();
        Map<String, Long> consumedIndex = new HashMap<>();
        consumedIndex.put(output.layer(), output.index());
        Ref at = output;
        while (true) {
            Map<String, Object> layer = layer(at.layer(), "the chain");
            String cls = String.valueOf(layer.get("class_name"));
            List<Call> calls = calls(layer, at.layer(), cls);
            if (cls.equals("InputLayer")) {
                if (!at.layer().equals(input.layer())) throw error(at.layer(), cls, "is an input the model does not "
                        + "declare in input_layers");
                chain.add(layer);
                break;
            }
            requireChainLayer(at.layer(), cls, calls);
            Call call = calls.getFirst();
            for (Ref m : call.masks()) maskSources.add(m.layer());
            Ref previous = call.inputs().getFirst();
            if (previous.index() != 0) throw error(at.layer(), cls, "takes output " + previous.index() + " of '"
                    + previous.layer() + "' " + LATER_OUTPUT + "; only a layer's first output can continue the chain");
            chain.add(layer);
            if (chain.size() > byName.size()) throw new KerasFileException(source + ": the functional model's "
                    + "graph has a loop");
            at = previous;
        }
        requireNothingBeside(chain, maskSources);
        List<Map<String, Object>> ordered = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) ordered.add(withoutUnusedStates(chain.get(i)));
        return ordered;
    }

    private void requireChainLayer(String name, String cls, List<Call> calls) {
        if (cls.equals("Lambda")) throw error(name, cls, "holds Python code, which cannot be loaded; "
                + "replace it with built-in layers");
        if (cls.equals("Functional") || cls.equals("Sequential") || cls.equals("Model")) {
            throw error(name, cls, "is a nested model; save the model with its layers in one chain");
        }
        if (calls.size() != 1) throw error(name, cls, calls.isEmpty() ? "has no input" : "is shared: called "
                + calls.size() + " times; " + SUPPORTED);
        int n = calls.getFirst().inputs().size();
        if (n != 1) throw error(name, cls, "takes " + n + " inputs; " + SUPPORTED);
    }

    /** Every layer of the config is on the chain or only computes a mask (Keras recomputes masks itself). */
    private void requireNothingBeside(List<Map<String, Object>> chain, Set<String> maskSources) {
        Set<String> onChain = new HashSet<>();
        for (Map<String, Object> l : chain) onChain.add((String) l.get("name"));
        Set<String> beside = new HashSet<>(maskSources);
        beside.removeAll(onChain);
        List<String> pending = new ArrayList<>(beside);
        while (!pending.isEmpty()) {
            String name = pending.removeLast();
            Map<String, Object> layer = byName.get(name);
            if (layer == null) continue;    // an operation Keras did not list; masks are recomputed anyway
            for (Call c : calls(layer, name, String.valueOf(layer.get("class_name")))) {
                for (Ref r : c.inputs()) {
                    if (!onChain.contains(r.layer()) && beside.add(r.layer())) pending.add(r.layer());
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : byName.entrySet()) {
            if (onChain.contains(e.getKey()) || beside.contains(e.getKey())) continue;
            throw error(e.getKey(), String.valueOf(e.getValue().get("class_name")), "is not on the chain from the "
                    + "input to the output (the graph branches); " + SUPPORTED);
        }
    }

    /** A recurrent layer (or Bidirectional) with return_state: the chain uses only its first output. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutUnusedStates(Map<String, Object> layer) {
        if (!(layer.get("config") instanceof Map<?, ?> c) || !Boolean.TRUE.equals(c.get("return_state"))) return layer;
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) c);
        config.put("return_state", false);
        for (String wrapped : List.of("layer", "backward_layer")) {
            if (config.get(wrapped) instanceof Map<?, ?> w) {
                config.put(wrapped, withoutUnusedStates((Map<String, Object>) w));
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(layer);
        copy.put("config", config);
        return copy;
    }

    private Map<String, Object> layer(String name, String where) {
        Map<String, Object> layer = byName.get(name);
        if (layer == null) throw new KerasFileException(source + ": " + where + " refers to a layer '" + name
                + "' that the model config does not list");
        return layer;
    }

    /** The model's input_layers or output_layers: exactly one tensor. */
    private Ref single(Object v, String what) {
        if (v == null) throw new KerasFileException(source + ": the functional model config has no " + what
                + "_layers");
        List<Ref> refs = new ArrayList<>();
        if (v instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof String) refs.add(ref(v, what));
        else if (v instanceof List<?> l) for (Object o : l) refs.add(ref(o, what));
        else throw new KerasFileException(source + ": the model's " + what + "s are a " + v.getClass().getSimpleName()
                + "; " + SUPPORTED);
        if (refs.size() != 1) throw new KerasFileException(source + ": the model has " + refs.size() + " " + what
                + "s; " + SUPPORTED);
        Ref r = refs.getFirst();
        if (r.index() != 0) throw new KerasFileException(source + ": the model's " + what + " is output "
                + r.index() + " of '" + r.layer() + "' " + LATER_OUTPUT + "; " + SUPPORTED);
        return r;
    }

    /** {@code [layer, node, index]} or {@code [layer, node, index, kwargs]}. */
    private Ref ref(Object v, String what) {
        if (v instanceof List<?> l && l.size() >= 3 && l.get(0) instanceof String name && l.get(1) instanceof Long node
                && l.get(2) instanceof Long index) return new Ref(name, node, index);
        throw new KerasFileException(source + ": a tensor reference of the " + what + " is not [layer, node, index]: "
                + shorten(v));
    }

    /** The calls (inbound nodes) of a layer in either layout. */
    private List<Call> calls(Map<String, Object> layer, String name, String cls) {
        Object nodes = layer.get("inbound_nodes");
        if (nodes == null) return List.of();
        if (!(nodes instanceof List<?> list)) throw error(name, cls, "has inbound_nodes that are not a list");
        List<Call> calls = new ArrayList<>();
        for (Object node : list) {
            if (node instanceof Map<?, ?> m) calls.add(keras3Call(m, name, cls));
            else if (node instanceof List<?> refs) calls.add(keras2Call(refs, name, cls));
            else throw error(name, cls, "has an inbound node of an unknown layout: " + shorten(node));
        }
        return calls;
    }

    private Call keras3Call(Map<?, ?> node, String name, String cls) {
        List<Ref> inputs = new ArrayList<>(), masks = new ArrayList<>();
        collectTensors(node.get("args"), inputs);
        if (node.get("kwargs") instanceof Map<?, ?> kwargs) {
            for (Map.Entry<?, ?> e : kwargs.entrySet()) {
                keyword(String.valueOf(e.getKey()), e.getValue(), masks, name, cls);
            }
        }
        return new Call(inputs, masks);
    }

    private Call keras2Call(List<?> refs, String name, String cls) {
        List<Ref> inputs = new ArrayList<>(), masks = new ArrayList<>();
        for (Object r : refs) {
            inputs.add(ref(r, "call of '" + name + "'"));
            if (r instanceof List<?> l && l.size() > 3 && l.get(3) instanceof Map<?, ?> kwargs) {
                for (Map.Entry<?, ?> e : kwargs.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    // Keras 2 writes a tensor argument as [layer, node, index].
                    if (key.equals("mask") && e.getValue() instanceof List<?> m && !m.isEmpty()
                            && m.getFirst() instanceof String) masks.add(ref(m, "mask"));
                    else keyword(key, e.getValue(), masks, name, cls);
                }
            }
        }
        return new Call(inputs, masks);
    }

    /** A keyword argument of a call: a mask, {@code training=False}, or a reason to refuse the model. */
    private void keyword(String key, Object value, List<Ref> masks, String name, String cls) {
        List<Ref> tensors = new ArrayList<>();
        collectTensors(value, tensors);
        if (key.equals("mask")) {
            masks.addAll(tensors);
            return;
        }
        if (key.equals("training") && (value == null || Boolean.FALSE.equals(value))) return;
        if (!tensors.isEmpty()) throw error(name, cls, "takes '" + key + "' from layer '" + tensors.getFirst().layer()
                + "'; " + SUPPORTED);
        throw error(name, cls, "is called with " + key + "=" + shorten(value) + ", which is not supported");
    }

    /** Every {@code __keras_tensor__} inside {@code v} (a Keras 3 argument), in order. */
    private void collectTensors(Object v, List<Ref> out) {
        if (v instanceof Map<?, ?> m) {
            if ("__keras_tensor__".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c) {
                out.add(ref(c.get("keras_history"), "keras_history"));
                return;
            }
            for (Object o : m.values()) collectTensors(o, out);
        } else if (v instanceof List<?> l) {
            for (Object o : l) collectTensors(o, out);
        }
    }

    private KerasFileException error(String name, String cls, String what) {
        return new KerasFileException(source + ": layer '" + name + "' (" + cls + ") " + what);
    }

    private static String shorten(Object v) {
        String s = String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
