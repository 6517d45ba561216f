package dev.rnn4j.keras;

import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;
import java.util.function.Consumer;

/**
 * What {@link Fitting} needs of a built, compiled model, whether it takes one input ({@link Sequential}) or several
 * ({@link EncoderDecoder}): a forward over a batch of each input, the compiled loss and metric, the optimizer and the
 * parameters it steps, and the generator that shuffles the examples.
 *
 * <pre>{@code
 * new FitModel((inputs, training) -> ..., loss, accuracy, optimizer, buffer, shuffleRng)
 * }</pre>
 */
record FitModel(Forward forward, Loss loss, boolean accuracy, Optimizer optimizer, ParameterBuffer buffer,
                Rng shuffleRng) {
    /** A forward pass on one batch of every input, first dimension the examples. */
    @FunctionalInterface
    interface Forward {
        Call call(List<Tensor> inputs, boolean training);
    }

    /**
     * One forward pass: the last layer's call (which the loss reads) and the two ways back, from dL/d output or, for
     * a fused loss, from dL/d pre-activation of a last {@link Dense}.
     */
    record Call(LayerCall last, Consumer<Tensor> backward, Consumer<Tensor> backwardFromPreActivation) {}
}
