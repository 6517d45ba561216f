package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * One call of a {@link Sequential}: the calls of its layers in the order they ran. Backward walks them in
 * reverse, each layer's input gradient becoming the previous layer's output gradient.
 *
 * <pre>{@code
 * SequentialCall c = model.call(x, null, true);
 * c.backward(dOutput);     // parameter gradients of every layer accumulate
 * }</pre>
 */
public final class SequentialCall implements LayerCall {
    private final List<LayerCall> calls;

    SequentialCall(List<LayerCall> calls) { this.calls = List.copyOf(calls); }

    /** The layers' calls, first layer first. */
    public List<LayerCall> calls() { return calls; }

    LayerCall last() { return calls.get(calls.size() - 1); }

    @Override
    public Tensor output() { return last().output(); }

    @Override
    public int[] lengths() { return last().lengths(); }

    @Override
    public Tensor backward(Tensor dOutput) { return backwardBelow(calls.size() - 1, last().backward(dOutput)); }

    /** Backward from dL/dz of a last {@link Dense} layer, z its value before the activation (a fused loss). */
    Tensor backwardFromPreActivation(Tensor dz) {
        if (!(last() instanceof Dense.Call dense)) {
            throw new IllegalStateException("the last layer is not a Dense layer");
        }
        return backwardBelow(calls.size() - 1, dense.backwardFromPreActivation(dz));
    }

    /** Continues backward through the layers before {@code index}, given the gradient of their output. */
    private Tensor backwardBelow(int index, Tensor grad) {
        for (int i = index - 1; i >= 0; i--) {
            if (grad == null) {
                throw new IllegalStateException("layer " + (i + 1)
                        + " returned no input gradient but is not the first layer");
            }
            grad = calls.get(i).backward(grad);
        }
        return grad;
    }
}
