package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.Optimizer;

import java.util.List;
import java.util.function.Function;

/**
 * A model's {@code compile} settings and the optimizer made from them once training starts, as {@link Sequential}
 * and {@link EncoderDecoder} hold them.
 *
 * <pre>{@code
 * compilation.compile("rmsprop", "binary_crossentropy", "acc");
 * Optimizer o = compilation.startOptimizer("fit", buffer);     // made once, then the same
 * }</pre>
 */
final class Compilation {
    private Function<List<Parameter>, Optimizer> optimizerFactory;
    private Optimizer optimizer;
    private Loss loss;
    private boolean accuracy;

    void compile(Function<List<Parameter>, Optimizer> optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss");
        }
        boolean withAccuracy = List.of(metrics).contains(Metric.ACCURACY);
        if (withAccuracy && loss == Loss.MSE) {
            throw new IllegalArgumentException("the accuracy metric needs a classification loss, got mse");
        }
        this.accuracy = withAccuracy;
        this.optimizerFactory = optimizer;
        this.loss = loss;
        this.optimizer = null;
    }

    /** By Keras's names: {@code compile("rmsprop", "binary_crossentropy", "acc")}. */
    void compile(String optimizer, String loss, String... metrics) {
        Metric[] m = new Metric[metrics.length];
        for (int i = 0; i < m.length; i++) m[i] = Metric.of(metrics[i]);
        compile(KerasOptimizers.of(optimizer), Loss.of(loss), m);
    }

    boolean isCompiled() { return loss != null; }

    Loss loss() { return loss; }

    boolean accuracy() { return accuracy; }

    Function<List<Parameter>, Optimizer> optimizerFactory() { return optimizerFactory; }

    Optimizer optimizer() { return optimizer; }

    /** The optimizer over {@code buffer}'s parameters, made on the first call; {@code what} names the caller. */
    Optimizer startOptimizer(String what, ParameterBuffer buffer) {
        requireCompiled(what);
        if (optimizer == null) optimizer = optimizerFactory.apply(buffer.parameters());
        return optimizer;
    }

    void requireCompiled(String what) {
        if (loss == null) throw new IllegalStateException("call compile(optimizer, loss, metrics) before " + what);
    }
}
