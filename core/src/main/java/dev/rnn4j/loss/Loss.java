package dev.rnn4j.loss;

import dev.rnn4j.tensor.Tensor;

/**
 * A training objective with mean reduction: its value and its gradient with respect to the input in
 * one pass, so a training loop can be written once for any loss.
 *
 * <pre>{@code
 * Loss<int[]> loss = new CrossEntropy();
 * float[] dLogits = new float[logits.numel()];
 * double value = loss.compute(logits, targets, dLogits);
 * }</pre>
 *
 * @param <T> the target's type: {@code int[]} class indices or a {@code Tensor} of values
 */
public interface Loss<T> {
    /**
     * The mean loss of {@code input} against {@code target}. When {@code dInput} is not null it is
     * overwritten with d loss / d input (same element count and layout as {@code input}).
     */
    double compute(Tensor input, T target, float[] dInput);
}
