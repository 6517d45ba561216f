package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.nn.ParameterBuffer;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The models an executor JVM computes with, built once per shape and reused by its task threads: a task
 * borrows one, loads the step's weights into it, and gives it back, so no step allocates a model.
 */
final class ExecutorModels {
    /** A model and its parameters as one flat array, ready to take broadcast weights. */
    record Replica(CharLanguageModel model, ParameterBuffer parameters) {
        void load(float[] weights) {
            if (weights.length != parameters.size()) {
                throw new IllegalStateException("weights of " + weights.length + " values for a model of "
                        + parameters.size());
            }
            System.arraycopy(weights, 0, parameters.data(), 0, weights.length);
            parameters.zeroGrad();
        }
    }

    private static final Map<CharLmConfig, Queue<Replica>> IDLE = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    static Replica borrow(CharLmConfig config) {
        Replica r = IDLE.computeIfAbsent(config, c -> new ConcurrentLinkedQueue<>()).poll();
        if (r != null) return r;
        CharLanguageModel model = new CharLanguageModel(config);
        return new Replica(model, ParameterBuffer.of(model.parameters()));
    }

    static void giveBack(CharLmConfig config, Replica replica) {
        IDLE.get(config).add(replica);
    }
}
