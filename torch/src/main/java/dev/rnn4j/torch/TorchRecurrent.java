package dev.rnn4j.torch;

import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds rnn4j's {@link dev.rnn4j.nn.Lstm}, {@link dev.rnn4j.nn.Gru} or {@link dev.rnn4j.nn.Rnn} from the
 * {@code state_dict} of {@code torch.nn.LSTM/GRU/RNN}: layers, directions, {@code proj_size}, bias, input and
 * hidden size are read from the names and shapes ({@code weight_ih_l0}, {@code weight_hr_l0}, ..._reverse).
 * What a state_dict cannot tell is an argument: the RNN's nonlinearity and {@code batch_first}.
 *
 * <pre>{@code
 * Map<String, Tensor> sd = TorchStateDict.readFloat32(Path.of("lstm.pt"));
 * RecurrentNetwork lstm = TorchRecurrent.load(sd, TorchRecurrent.kindOf(sd, ""), Nonlinearity.TANH, true);
 * RecurrentOutput out = lstm.forward(x, null, h0, c0);   // as the PyTorch module computes
 * }</pre>
 */
public final class TorchRecurrent {
    private TorchRecurrent() {}

    /** The layer {@code stateDict} (keys {@code weight_ih_l0}, ... without a module prefix) describes, weights set. */
    public static RecurrentNetwork load(Map<String, Tensor> stateDict, RecurrentKind kind, Nonlinearity nonlinearity,
                                        boolean batchFirst) {
        RecurrentConfig config = config(stateDict, "", kind, nonlinearity, batchFirst);
        RecurrentNetwork net = RecurrentNetwork.create(config);
        Map<String, Parameter> expected = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) expected.put(p.name(), p);
        setAll(expected, stateDict, Set.of(), "torch.nn." + kind);
        return net;
    }

    /** The kind the shapes say: {@code weight_hh_l0} has 4·H rows for LSTM, 3·H for GRU, H for RNN. */
    public static RecurrentKind kindOf(Map<String, Tensor> stateDict, String prefix) {
        if (stateDict.containsKey(prefix + "weight_hr_l0")) return RecurrentKind.LSTM;
        int[] hh = matrix(stateDict, prefix + "weight_hh_l0");
        if (hh[1] > 0 && hh[0] % hh[1] == 0) {
            for (RecurrentKind k : RecurrentKind.values()) if (hh[0] / hh[1] == k.gates()) return k;
        }
        throw new IllegalArgumentException(prefix + "weight_hh_l0 has shape " + Arrays.toString(hh)
                + ": not 4·H×H (LSTM), "
                + "3·H×H (GRU) or H×H (RNN)");
    }

    /** The configuration the names and shapes under {@code prefix} describe; dropout 0, seed 0. */
    public static RecurrentConfig config(Map<String, Tensor> stateDict, String prefix, RecurrentKind kind,
                                         Nonlinearity nonlinearity, boolean batchFirst) {
        int[] ih = matrix(stateDict, prefix + "weight_ih_l0");
        int layers = 1;
        while (stateDict.containsKey(prefix + "weight_ih_l" + layers)) layers++;
        boolean bidirectional = stateDict.containsKey(prefix + "weight_ih_l0_reverse");
        boolean bias = stateDict.containsKey(prefix + "bias_ih_l0");
        int proj = 0, hidden;
        if (stateDict.containsKey(prefix + "weight_hr_l0")) {
            int[] hr = matrix(stateDict, prefix + "weight_hr_l0");
            proj = hr[0];
            hidden = hr[1];
        } else {
            hidden = matrix(stateDict, prefix + "weight_hh_l0")[1];
        }
        if (proj > 0 && kind != RecurrentKind.LSTM) {
            throw new IllegalArgumentException(prefix + "weight_hr_l0 (proj_size) belongs to an LSTM, not a " + kind);
        }
        if (ih[0] != kind.gates() * hidden) {
            throw new IllegalArgumentException(prefix + "weight_ih_l0 has " + ih[0] + " rows; a " + kind
                    + " of hidden size "
                    + hidden + " has " + kind.gates() + "·" + hidden + " = " + kind.gates() * hidden
                    + (kind == kindOf(stateDict, prefix) ? "" : " (the shapes are those of a " + kindOf(stateDict,
                            prefix) + ")"));
        }
        if (kind != RecurrentKind.RNN) nonlinearity = Nonlinearity.TANH;
        return new RecurrentConfig(kind, ih[1], hidden, layers, bias, batchFirst, 0f, bidirectional, proj,
                nonlinearity, 0L);
    }

    /**
     * Copies {@code given} into {@code expected} (same names), after checking all of them at once: missing
     * names (except those in {@code mayBeAbsent}, left as they are), names the model has not, shapes that
     * differ. One error lists every problem, expected against got.
     */
    static void setAll(Map<String, Parameter> expected, Map<String, Tensor> given, Set<String> mayBeAbsent,
            String model) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            Tensor t = given.get(e.getKey());
            int[] want = e.getValue().shape();
            if (t == null) {
                if (!mayBeAbsent.contains(e.getKey())) problems.add("missing " + e.getKey() + " "
                        + Arrays.toString(want));
            } else if (!Arrays.equals(t.shape(), want)) {
                problems.add(e.getKey() + " expected " + Arrays.toString(want) + ", got " + Arrays.toString(t.shape()));
            }
        }
        Set<String> extra = new TreeSet<>(given.keySet());
        extra.removeAll(expected.keySet());
        for (String name : extra) problems.add("unexpected " + name + " " + Arrays.toString(given.get(name).shape()));
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 8);
            throw new IllegalArgumentException("the state_dict does not fit " + model + ": "
                    + String.join("; ", problems.subList(0, shown)) + (problems.size() > shown ? "; and "
                            + (problems.size() - shown) + " more" : ""));
        }
        expected.forEach((name, p) -> {
            if (given.containsKey(name)) p.set(given.get(name));
        });
    }

    static int[] matrix(Map<String, Tensor> stateDict, String name) {
        Tensor t = stateDict.get(name);
        if (t == null) {
            List<String> some = new ArrayList<>(stateDict.keySet()).subList(0, Math.min(8, stateDict.size()));
            throw new IllegalArgumentException("the state_dict has no " + name
                    + ", so it is not one of torch.nn.LSTM, GRU, RNN"
                    + " (its keys: " + String.join(", ", some) + (stateDict.size() > 8 ? ", ..." : "") + ")");
        }
        if (t.rank() != 2) throw new IllegalArgumentException(name + " must be a matrix, got shape "
                + Arrays.toString(t.shape()));
        return t.shape();
    }
}
