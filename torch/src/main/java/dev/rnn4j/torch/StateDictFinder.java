package dev.rnn4j.torch;

import dev.rnn4j.torch.RestrictedUnpickler.TensorRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.torch.PickleValues.kind;

/**
 * Finds the state_dict in what a {@code torch.save} pickle holds: the state_dict itself, or a training
 * checkpoint such as {@code {'epoch': 3, 'model_state_dict': sd, 'optimizer_state_dict': ..., 'loss': 1.2}},
 * {@code {'model': sd}} or {@code {'state_dict': sd}}. Without a key, the one entry whose value is a dict of
 * names to tensors is taken; with several or none, the message lists what there is.
 */
final class StateDictFinder {
    private static final int LISTED = 12;

    private StateDictFinder() {}

    /**
     * @param key the checkpoint entry holding the state_dict, or null to find it
     */
    static Map<String, TensorRef> find(Object top, String key, String source) {
        if (!(top instanceof Map<?, ?> dict)) {
            throw new TorchFormatException(source + " holds " + kind(top) + ", not a state_dict (a dict of tensor "
                    + "names to tensors) or a checkpoint dict holding one");
        }
        List<String> candidates = new ArrayList<>();
        dict.forEach((k, v) -> {
            if (k instanceof String name && tensors(v) != null) candidates.add(name);
        });
        if (key != null) {
            if (!dict.containsKey(key)) {
                throw new TorchFormatException(source + " has no entry '" + key + "'; " + (tensors(dict) != null
                        ? "it is a state_dict itself: give no key" : "its entries are " + entries(dict)));
            }
            Map<String, TensorRef> sd = tensors(dict.get(key));
            if (sd == null) throw new TorchFormatException(source + ": entry '" + key + "' holds "
                    + kind(dict.get(key)) + ", not a state_dict (a dict of names to tensors); state_dicts in it: "
                    + (candidates.isEmpty() ? "none" : String.join(", ", candidates)));
            return sd;
        }
        Map<String, TensorRef> itself = tensors(dict);
        if (itself != null) return itself;
        if (candidates.size() == 1) return tensors(dict.get(candidates.getFirst()));
        if (candidates.isEmpty()) {
            throw new TorchFormatException(source + " holds a dict with no state_dict in it (a dict of names to "
                    + "tensors): its entries are " + entries(dict) + ". Save model.state_dict(), alone or in a dict");
        }
        throw new TorchFormatException(source + " holds " + candidates.size() + " state_dicts, under "
                + String.join(", ", candidates) + ": choose one by its key (import torch --key NAME)");
    }

    /** {@code o} as a state_dict, or null when it is not a non-empty dict of names to tensors. */
    private static Map<String, TensorRef> tensors(Object o) {
        if (!(o instanceof Map<?, ?> dict) || dict.isEmpty()) return null;
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TensorRef t)) return null;
            out.put(name, t);
        }
        return out;
    }

    private static String entries(Map<?, ?> dict) {
        if (dict.isEmpty()) return "none";
        List<String> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (out.size() == LISTED) {
                out.add("... (" + (dict.size() - LISTED) + " more)");
                break;
            }
            out.add((e.getKey() instanceof String s ? "'" + s + "'" : String.valueOf(e.getKey())) + ": "
                    + kind(e.getValue()));
        }
        return String.join(", ", out);
    }
}
