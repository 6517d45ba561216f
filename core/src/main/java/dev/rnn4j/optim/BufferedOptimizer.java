package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * What every optimizer here shares: the parameters with their named state buffers ({@link StateBuffers}),
 * the learning rate and the step count, and exporting/importing them for exact resume. Subclasses only
 * define the update rule in {@link #step()}.
 */
abstract sealed class BufferedOptimizer implements Optimizer permits Sgd, Adagrad, RmsProp, Adam, AdamW {
    final String name;
    final StateBuffers state;
    double lr;
    long step;

    BufferedOptimizer(String name, List<Parameter> parameters, double lr) {
        StateBuffers.requireLr(name, lr);
        this.name = name;
        this.state = new StateBuffers(name, parameters);
        this.lr = lr;
    }

    @Override
    public final List<Parameter> parameters() { return state.parameters(); }

    @Override
    public final double lr() { return lr; }

    @Override
    public final void setLr(double lr) {
        StateBuffers.requireLr(name, lr);
        this.lr = lr;
    }

    @Override
    public final long stepCount() { return step; }

    @Override
    public final OptimizerState exportState() { return state.export(step, lr); }

    @Override
    public final void importState(OptimizerState s) {
        state.load(s);
        step = s.step();
        lr = s.lr();
    }
}
