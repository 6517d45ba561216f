package dev.rnn4j.keras.io;

import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.optim.OptimizerState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Keras 3 file's optimizer state ({@code optimizer/vars} of model.weights.h5) into the compiled model's
 * optimizer, so {@code fit} continues from it and {@code summary()} counts it as Keras does. Keras stores the step
 * counter (int64), the learning rate, then one slot array per trainable variable and kind, in the variables' order:
 * kind by kind (RMSprop's velocities, then momentums, ...), except Adam and AdamW, which keep each variable's
 * momentum and velocity together. The slots map onto this library's parameters exactly as the weights do
 * ({@link WeightMapping}). A state that does not fit the compiled optimizer (another kind count, amsgrad, ...)
 * is left out: the optimizer then starts afresh, as it does for Keras 2 files.
 */
final class OptimizerSlots {
    private OptimizerSlots() {}

    /** {@code layers}: each built layer's config, in the model's order (InputLayer left out). */
    static void load(Sequential model, Hdf5Weights h5, List<LayerConfig> layers) {
        if (model.isCompiled()) load(model.layers(), layers, model::startOptimizer, h5);
    }

    /**
     * {@code built}: the layers in Keras's order (its trainable variables' order), which must be the order of the
     * optimizer's parameters; {@code layers}: their configs; {@code start}: the compiled model's optimizer.
     */
    static void load(List<Layer> built, List<LayerConfig> layers, Supplier<Optimizer> start, Hdf5Weights h5) {
        if (!h5.has("optimizer/vars")) return;
        long step = h5.integerScalar("optimizer/vars/0");
        List<Hdf5Weights.Array> lr = h5.vars("optimizer/vars", 1);
        if (step < 0 || lr.isEmpty() || lr.getFirst().values().length != 1) return;
        List<Hdf5Weights.Array> slots = lr.subList(1, lr.size());
        Optimizer optimizer = start.get();
        OptimizerState fresh = optimizer.exportState();
        List<String> kinds = kinds(fresh);
        int variables = 0;
        for (Layer l : built) variables += WeightMapping.variableCount(l);
        if (slots.size() != kinds.size() * variables) return;
        boolean together = fresh.optimizer().startsWith("Adam");
        Map<String, float[]> buffers = new LinkedHashMap<>();
        int variable = 0, parameter = 0;
        for (int i = 0; i < built.size(); i++) {
            Layer layer = built.get(i);
            int n = WeightMapping.variableCount(layer);
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : layer.parameters()) weights.add(p.value().data().clone());
            for (int k = 0; k < kinds.size(); k++) {
                List<Hdf5Weights.Array> arrays = new ArrayList<>();
                for (int v = variable; v < variable + n; v++) {
                    arrays.add(slots.get(together ? v * kinds.size() + k : k * variables + v));
                }
                WeightMapping.assign(layer, arrays, layers.get(i));      // the slots in the parameters' layout
                int p = parameter;
                for (Parameter q : layer.parameters()) buffers.put(p++ + "." + kinds.get(k), q.value().data().clone());
            }
            restore(layer, weights);
            variable += n;
            parameter += layer.parameters().size();
        }
        // Keras keeps the learning rate as float32: when it is the compiled rate rounded, keep the compiled one
        float stored = lr.getFirst().values()[0];
        double rate = (float) fresh.lr() == stored ? fresh.lr() : stored;
        optimizer.importState(new OptimizerState(fresh.optimizer(), step, rate, buffers));
    }

    /**
     * The inverse of {@link #load}: the slot arrays of the optimizer of a model of these layers (in Keras's order), in
     * Keras 3's order and layout (after the step counter and learning rate, which the caller writes), or an empty
     * list when it has no slots.
     */
    static List<Hdf5Weights.Array> export(List<Layer> built, OptimizerState state) {
        List<String> kinds = kinds(state);
        boolean together = state.optimizer().startsWith("Adam");
        int variables = 0;
        for (Layer l : built) variables += WeightMapping.variableCount(l);
        Hdf5Weights.Array[] slots = new Hdf5Weights.Array[kinds.size() * variables];
        int variable = 0, parameter = 0;
        for (Layer layer : built) {
            List<Parameter> params = layer.parameters();
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : params) weights.add(p.value().data().clone());
            int n = WeightMapping.variableCount(layer);
            for (int k = 0; k < kinds.size(); k++) {
                for (int j = 0; j < params.size(); j++) {      // the slots in the weights' place, exported as they are
                    Parameter p = params.get(j);
                    System.arraycopy(state.buffers().get(parameter + j + "." + kinds.get(k)), 0, p.data(), p.offset(),
                            p.size());
                }
                List<Hdf5Weights.Array> arrays = WeightMapping.export(layer);
                for (int v = 0; v < n; v++) {
                    int global = variable + v;
                    slots[together ? global * kinds.size() + k : k * variables + global] = arrays.get(v);
                }
            }
            restore(layer, weights);
            variable += n;
            parameter += params.size();
        }
        return List.of(slots);
    }

    /** The optimizer's buffer kinds ("square_avg", "exp_avg", ...) in its order, from parameter 0's entries. */
    private static List<String> kinds(OptimizerState state) {
        List<String> kinds = new ArrayList<>();
        for (String key : state.buffers().keySet()) if (key.startsWith("0.")) kinds.add(key.substring(2));
        return kinds;
    }

    private static void restore(Layer layer, List<float[]> weights) {
        List<Parameter> params = layer.parameters();
        for (int j = 0; j < params.size(); j++) {
            Parameter p = params.get(j);
            System.arraycopy(weights.get(j), 0, p.data(), p.offset(), p.size());
        }
    }
}
