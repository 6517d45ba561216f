package dev.rnn4j.nn;

import dev.rnn4j.kernel.KernelPool;

import java.util.List;

/**
 * All of a model's parameters in one flat array (and their gradients in another), in a fixed order.
 * The optimizer, gradient clipping, checkpoints and a data-parallel all-reduce work on these arrays.
 *
 * <pre>{@code
 * ParameterBuffer buf = ParameterBuffer.of(model.parameters());
 * float[] w = buf.data(), g = buf.grad();
 * }</pre>
 */
public final class ParameterBuffer {
    /** Gradients per thread's part at least: below this, zeroing runs on the calling thread. */
    private static final int PARALLEL_GRAIN = 1 << 16;

    private final List<Parameter> parameters;
    private final float[] data;
    private final float[] grad;

    private ParameterBuffer(List<Parameter> parameters, float[] data, float[] grad) {
        this.parameters = parameters;
        this.data = data;
        this.grad = grad;
    }

    /** Moves every parameter (values and gradients copied) into one new pair of flat arrays. */
    public static ParameterBuffer of(List<Parameter> parameters) {
        long total = 0;
        for (Parameter p : parameters) total += p.size();
        float[] data = new float[Math.toIntExact(total)];
        float[] grad = new float[data.length];
        int off = 0;
        for (Parameter p : parameters) {
            p.relocate(data, grad, off);
            off += p.size();
        }
        return new ParameterBuffer(List.copyOf(parameters), data, grad);
    }

    public List<Parameter> parameters() { return parameters; }

    public float[] data() { return data; }

    public float[] grad() { return grad; }

    public int size() { return data.length; }

    /** Sets every gradient to 0, the array's parts on all kernel threads (a step's serial time otherwise). */
    public void zeroGrad() {
        KernelPool.parallelRange(grad.length, PARALLEL_GRAIN, (from, to) -> java.util.Arrays.fill(grad, from, to, 0f));
    }
}
