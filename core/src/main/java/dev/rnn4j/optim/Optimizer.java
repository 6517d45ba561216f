package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * Updates parameters from their gradients with one of PyTorch's {@code torch.optim} rules.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), AdamConfig.adam().withLr(2e-3));
 * model.zeroGrad();  ...backward...;  GradClip.clipGradNorm(model.parameters(), 5.0);
 * opt.step();
 * OptimizerState saved = opt.exportState();   // into a checkpoint; importState(saved) resumes exactly
 * }</pre>
 *
 * Parameters are read through their views at every step, so moving them into a
 * {@link dev.rnn4j.nn.ParameterBuffer} after building the optimizer is fine.
 */
public interface Optimizer {
    /** One update of every parameter from its current gradient. */
    void step();

    /** The parameters this optimizer updates, in the order its state is indexed. */
    List<Parameter> parameters();

    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** The learning rate the next {@link #step()} uses. */
    double lr();

    /** Sets the learning rate for following steps (what a learning-rate schedule drives). */
    void setLr(double lr);

    /** Number of steps taken so far. */
    long stepCount();

    /** A copy of everything needed to continue bit-exactly: step count, learning rate, all buffers. */
    OptimizerState exportState();

    /** Restores state exported by the same optimizer type over parameters of the same sizes. */
    void importState(OptimizerState state);
}
