package dev.rnn4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's resumable state as plain named data a checkpoint can store: the optimizer's name,
 * the step count, the current learning rate, and every per-parameter buffer keyed
 * {@code "<parameter index>.<buffer>"} as in PyTorch's {@code state_dict()['state'][i][buffer]}
 * (for example {@code "0.exp_avg"}, {@code "3.momentum_buffer"}).
 *
 * <pre>{@code
 * OptimizerState s = adam.exportState();
 * float[] m0 = s.buffers().get("0.exp_avg");
 * }</pre>
 */
public record OptimizerState(String optimizer, long step, double lr, Map<String, float[]> buffers) {
    public OptimizerState {
        if (step < 0) throw new IllegalArgumentException("optimizer step count must be >= 0, got " + step);
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        buffers = Collections.unmodifiableMap(copy);
    }
}
