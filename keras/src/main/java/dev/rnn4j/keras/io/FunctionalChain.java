package dev.rnn4j.keras.io;

import dev.rnn4j.keras.StateLink;

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
 * takes them: one input, one output, and every layer called once on the previous layer's output. Or two such
 * chains, as Keras's sequence-to-sequence models are built: the encoder's last layer, a recurrent layer with
 * {@code return_state}, gives its final states to a recurrent layer of the decoder as {@code initial_state} (in a
 * stacked model, other encoder layers to other decoder layers too), and the model's inputs are
 * {@code [encoder input, decoder input]} (loaded as an {@link dev.rnn4j.keras.EncoderDecoder}).
 *
 * <p>Two layouts of a call ("inbound node") exist. Keras 3 writes {@code {"args": [tensor], "kwargs": {...}}}
 * with each tensor as {@code {"class_name": "__keras_tensor__", "config": {"keras_history": [layer, node,
 * index]}}}, and the model's {@code input_layers}/{@code output_layers} as one {@code [layer, node, index]} (or
 * a list of them). Keras 2 writes a call as a list of {@code [layer, node, index, kwargs]} and the model's
 * inputs and outputs as lists of {@code [layer, node, index]}.
 *
 * <p>Only the first output of a layer can continue the chain; a recurrent layer with {@code return_state}
 * whose states nothing uses loads without it. Keras 3 passes states as the keyword {@code initial_state}; Keras 2
 * lists them after the layer's input in the call. A {@code mask} argument is ignored (Keras recomputes masks from
 * the layers when the model runs), as are the layers that only compute such a mask. Anything else (branches,
 * several inputs or outputs, a layer called twice, initial states from another layer, Lambda or nested models)
 * gets a {@link KerasFileException} naming the file, the layer and what is supported.
 */
final class FunctionalChain {
    private static final String SUPPORTED = "only functional models whose layers form one chain (one input, one "
            + "output, each layer called once on the previous layer's output), or an encoder chain and a decoder chain "
            + "joined by encoder layers' final states (the initial_state of decoder layers), can be loaded";

    private static final String LATER_OUTPUT =
            "(a returned state, or the second output of a Bidirectional with merge_mode=None)";

    /** A reference to one output tensor of one call of a layer. */
    private record Ref(String layer, long node, long index) {}

    /** One call of a layer: the tensors passed positionally, its initial states, and the layers giving it a mask. */
    private record Call(List<Ref> inputs, List<Ref> states, List<Ref> masks) {}

    /**
     * A functional model's layer entries, each list input first: one chain ({@code encoder} null), or an encoder
     * chain and a decoder chain with the {@code links} of which encoder layer's final states start which decoder
     * layer (indices counted after each chain's input).
     */
    record Graph(List<Map<String, Object>> encoder, List<Map<String, Object>> decoder, List<StateLink> links) {}

    /** A layer called with initial states, and those states. */
    private record Taker(String layer, List<Ref> states) {}

    /** A walk from a layer back to its input: the layers passed, last first, and those taking states. */
    private record Walk(List<Map<String, Object>> layers, List<Taker> takers) {
        boolean has(String name) { return layers.stream().anyMatch(l -> name.equals(l.get("name"))); }
    }

    private static final Set<String> RECURRENT = Set.of("SimpleRNN", "LSTM", "GRU");

    private final String source;
    private final Map<String, Map<String, Object>> byName = new LinkedHashMap<>();

    private FunctionalChain(String source) { this.source = source; }

    /** The layer entries of {@code modelConfig} (the model's inner {@code config}) in chain order: one chain only. */
    static List<Map<String, Object>> layers(Map<String, Object> modelConfig, String source) {
        Graph g = graph(modelConfig, source);
        if (g.encoder() != null) throw new KerasFileException(source + ": the model has two inputs (an encoder and a "
                + "decoder); load it with KerasModels.loadModel");
        return g.decoder();
    }

    /** The layer entries of {@code modelConfig}: one chain, or an encoder and a decoder joined by states. */
    static Graph graph(Map<String, Object> modelConfig, String source) {
        return new FunctionalChain(source).read(modelConfig);
    }

    @SuppressWarnings("unchecked")
    private Graph read(Map<String, Object> config) {
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
        List<Ref> inputs = refs(config.get("input_layers"), "input");
        if (inputs.size() > 2) throw new KerasFileException(source + ": the model has " + inputs.size()
                + " inputs; " + SUPPORTED);
        Ref output = single(config.get("output_layers"), "output");
        Set<String> maskSources = new HashSet<>();
        Walk decoder = walk(output, maskSources, inputs.size() == 2);
        if (decoder.takers().isEmpty()) {
            if (inputs.size() == 2) throw new KerasFileException(source + ": the model has 2 inputs, but no "
                    + "recurrent layer on the way to its output takes initial states from the other; " + SUPPORTED);
            requireDeclaredInput(decoder, inputs.getFirst(), false);
            requireNothingBeside(List.of(decoder), maskSources);
            return new Graph(null, ordered(decoder, Set.of()), List.of());
        }
        Map<String, String> giverOf = new LinkedHashMap<>();              // taker -> the layer giving its states
        Walk encoder = null;
        for (Taker t : decoder.takers()) {
            Ref first = giver(t);
            giverOf.put(t.layer(), first.layer());
            Walk w = walk(new Ref(first.layer(), first.node(), 0), maskSources, false);
            if (encoder == null || w.layers().size() > encoder.layers().size()) encoder = w;
        }
        for (String giver : giverOf.values()) {
            if (!encoder.has(giver)) throw error(giver, className(giver), "gives initial states but is not on the "
                    + "encoder's chain; supported: the states of layers of one encoder chain");
        }
        requireDeclaredInput(encoder, inputs.getFirst(), true);
        requireDeclaredInput(decoder, inputs.get(1), true);
        requireNothingBeside(List.of(encoder, decoder), maskSources);
        List<Map<String, Object>> encoderLayers = ordered(encoder, Set.copyOf(giverOf.values()));
        List<Map<String, Object>> decoderLayers = ordered(decoder, Set.of());
        List<StateLink> links = new ArrayList<>();
        for (Map.Entry<String, String> e : giverOf.entrySet()) {
            links.add(new StateLink(indexOf(encoderLayers, e.getValue()) - 1, indexOf(decoderLayers, e.getKey()) - 1));
        }
        links.sort(java.util.Comparator.comparingInt(StateLink::decoder));
        return new Graph(encoderLayers, decoderLayers, links);
    }

    /** The one layer whose outputs 1, 2, ... (its final states, in order) are a taker's initial states. */
    private Ref giver(Taker t) {
        Ref first = t.states().getFirst();
        for (int i = 0; i < t.states().size(); i++) {
            Ref r = t.states().get(i);
            if (!r.layer().equals(first.layer()) || r.node() != first.node() || r.index() != i + 1) {
                throw error(t.layer(), className(t.layer()), "takes its initial states " + t.states()
                        + "; supported: the final states of one recurrent layer, in order");
            }
        }
        String cls = className(first.layer());
        if (!RECURRENT.contains(cls)) throw error(first.layer(), cls, "gives the initial states of '" + t.layer()
                + "'; supported: a SimpleRNN, LSTM or GRU with return_state");
        return first;
    }

    private static int indexOf(List<Map<String, Object>> layers, String name) {
        for (int i = 0; i < layers.size(); i++) if (name.equals(layers.get(i).get("name"))) return i;
        throw new IllegalStateException(name + " is not on the chain");
    }

    /**
     * From the layer of {@code start} back to an InputLayer, every layer called once on one tensor (where
     * {@code statesAllowed}, recurrent layers also on initial states); mask sources are collected.
     */
    private Walk walk(Ref start, Set<String> maskSources, boolean statesAllowed) {
        List<Map<String, Object>> chain = new ArrayList<>();
        List<Taker> takers = new ArrayList<>();
        Ref at = start;
        while (true) {
            Map<String, Object> layer = layer(at.layer(), "the chain");
            String cls = String.valueOf(layer.get("class_name"));
            List<Call> calls = calls(layer, at.layer(), cls);
            if (cls.equals("InputLayer")) {
                chain.add(layer);
                return new Walk(chain, takers);
            }
            requireChainLayer(at.layer(), cls, calls);
            Call call = calls.getFirst();
            for (Ref m : call.masks()) maskSources.add(m.layer());
            if (!call.states().isEmpty()) {
                if (!statesAllowed) {
                    throw error(at.layer(), cls, "takes 'initial_state' from layer '" + call.states().getFirst().layer()
                            + "'; " + SUPPORTED);
                }
                takers.add(new Taker(at.layer(), call.states()));
            }
            Ref previous = call.inputs().getFirst();
            if (previous.index() != 0) throw error(at.layer(), cls, "takes output " + previous.index() + " of '"
                    + previous.layer() + "' " + LATER_OUTPUT + "; only a layer's first output can continue the chain");
            chain.add(layer);
            if (chain.size() > byName.size()) throw new KerasFileException(source + ": the functional model's "
                    + "graph has a loop");
            at = previous;
        }
    }

    /** The walk ended at the declared input; {@code pair}: one of an encoder-decoder's two. */
    private void requireDeclaredInput(Walk walk, Ref declared, boolean pair) {
        String reached = (String) walk.layers().getLast().get("name");
        if (!reached.equals(declared.layer())) {
            throw error(reached, "InputLayer", "is reached where the model declares '" + declared.layer()
                    + "' in input_layers" + (pair ? " (inputs must be [encoder input, decoder input], in that order)"
                    : ""));
        }
    }

    /** A walk's layers input first; all but those of {@code givers} lose states nothing uses. */
    private static List<Map<String, Object>> ordered(Walk walk, Set<String> givers) {
        List<Map<String, Object>> ordered = new ArrayList<>();
        List<Map<String, Object>> layers = walk.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Map<String, Object> l = layers.get(i);
            ordered.add(givers.contains(l.get("name")) ? l : withoutUnusedStates(l));
        }
        return ordered;
    }

    private String className(String layer) { return String.valueOf(byName.get(layer).get("class_name")); }

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

    /** Whether a layer of this class takes initial states after its input (Keras 2's layout of a call). */
    private static boolean takesStates(String cls) { return RECURRENT.contains(cls); }

    /** Every layer of the config is on a chain or only computes a mask (Keras recomputes masks itself). */
    private void requireNothingBeside(List<Walk> chains, Set<String> maskSources) {
        Set<String> onChain = new HashSet<>();
        for (Walk w : chains) for (Map<String, Object> l : w.layers()) onChain.add((String) l.get("name"));
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

    /** The model's input_layers or output_layers: exactly one tensor, its layer's first output. */
    private Ref single(Object v, String what) {
        List<Ref> refs = refs(v, what);
        if (refs.size() != 1) throw new KerasFileException(source + ": the model has " + refs.size() + " " + what
                + "s; " + SUPPORTED);
        return refs.getFirst();
    }

    /** The model's input_layers or output_layers: one tensor or a list of them, each its layer's first output. */
    private List<Ref> refs(Object v, String what) {
        if (v == null) throw new KerasFileException(source + ": the functional model config has no " + what
                + "_layers");
        List<Ref> refs = new ArrayList<>();
        if (v instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof String) refs.add(ref(v, what));
        else if (v instanceof List<?> l) for (Object o : l) refs.add(ref(o, what));
        else throw new KerasFileException(source + ": the model's " + what + "s are a " + v.getClass().getSimpleName()
                + "; " + SUPPORTED);
        if (refs.isEmpty()) throw new KerasFileException(source + ": the model has no " + what + "s");
        for (Ref r : refs) {
            if (r.index() != 0) throw new KerasFileException(source + ": the model's " + what + " is output "
                    + r.index() + " of '" + r.layer() + "' " + LATER_OUTPUT + "; " + SUPPORTED);
        }
        return refs;
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
        List<Ref> inputs = new ArrayList<>(), states = new ArrayList<>(), masks = new ArrayList<>();
        collectTensors(node.get("args"), inputs);
        if (node.get("kwargs") instanceof Map<?, ?> kwargs) {
            for (Map.Entry<?, ?> e : kwargs.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("initial_state") && takesStates(cls)) collectTensors(e.getValue(), states);
                else keyword(key, e.getValue(), masks, name, cls);
            }
        }
        return new Call(inputs, states, masks);
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
        // Keras 2 calls a recurrent layer given initial states on [input, state, ...]
        if (takesStates(cls) && inputs.size() > 1) {
            return new Call(List.of(inputs.getFirst()), List.copyOf(inputs.subList(1, inputs.size())), masks);
        }
        return new Call(inputs, List.of(), masks);
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
