package dev.rnn4j.nn;

import java.util.List;

/**
 * Something with trainable parameters and a training/evaluation mode (dropout is only active in training).
 * Forward and backward signatures belong to each layer: composition is at layer granularity.
 */
public interface Module {
    /** Parameters in PyTorch {@code named_parameters()} order, with PyTorch names. */
    List<Parameter> parameters();

    /** Training mode enables dropout; default is training, as in PyTorch. */
    void train(boolean training);

    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }
}
