package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's per-parameter buffers (momentum, moment estimates, ...): one flat array per buffer
 * kind covering all parameters, parameter i at {@link #offset(int)}; exported and imported as one
 * named array per parameter and kind.
 */
final class StateBuffers {
    private final String optimizer;
    private final List<Parameter> parameters;
    private final int[] offsets;
    private final int total;
    private final Map<String, float[]> kinds = new LinkedHashMap<>();

    StateBuffers(String optimizer, List<Parameter> parameters) {
        if (parameters.isEmpty()) throw new IllegalArgumentException(optimizer + " needs at least one parameter");
        this.optimizer = optimizer;
        this.parameters = List.copyOf(parameters);
        this.offsets = new int[parameters.size()];
        int off = 0;
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i] = off;
            off = Math.addExact(off, parameters.get(i).size());
        }
        this.total = off;
    }

    List<Parameter> parameters() { return parameters; }

    /** A new buffer kind (PyTorch's name, e.g. "exp_avg") filled with {@code initial}. */
    float[] add(String kind, float initial) {
        float[] b = new float[total];
        if (initial != 0f) java.util.Arrays.fill(b, initial);
        kinds.put(kind, b);
        return b;
    }

    int offset(int parameterIndex) { return offsets[parameterIndex]; }

    OptimizerState export(long step, double lr) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            for (var e : kinds.entrySet()) {
                float[] slice = new float[parameters.get(i).size()];
                System.arraycopy(e.getValue(), offsets[i], slice, 0, slice.length);
                out.put(i + "." + e.getKey(), slice);
            }
        }
        return new OptimizerState(optimizer, step, lr, out);
    }

    /** Checks everything first, then copies, so a failed import leaves the optimizer unchanged. */
    void load(OptimizerState state) {
        if (!optimizer.equals(state.optimizer())) {
            throw new IllegalArgumentException("cannot load " + state.optimizer() + " state into " + optimizer);
        }
        int expected = parameters.size() * kinds.size();
        if (state.buffers().size() != expected) {
            throw new IllegalArgumentException(optimizer + " state must have " + expected + " buffers ("
                    + parameters.size() + " parameters × " + kinds.keySet() + "), got " + state.buffers().size() + ": "
                    + state.buffers().keySet());
        }
        for (int i = 0; i < parameters.size(); i++) {
            for (String kind : kinds.keySet()) {
                String key = i + "." + kind;
                float[] v = state.buffers().get(key);
                if (v == null) throw new IllegalArgumentException(optimizer + " state is missing buffer " + key);
                if (v.length != parameters.get(i).size()) {
                    throw new IllegalArgumentException(optimizer + " state buffer " + key + " has " + v.length
                            + " values, parameter " + parameters.get(i) + " has " + parameters.get(i).size());
                }
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            for (var e : kinds.entrySet()) {
                float[] v = state.buffers().get(i + "." + e.getKey());
                System.arraycopy(v, 0, e.getValue(), offsets[i], v.length);
            }
        }
    }

    static void requireLr(String optimizer, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(optimizer + " lr must be >= 0, got " + lr);
        }
    }

    static void requireNonNegative(String optimizer, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(optimizer + " " + name + " must be >= 0, got " + v);
        }
    }

    static void requireBeta(String optimizer, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(optimizer + " " + name + " must be in [0, 1), got " + v);
        }
    }
}
