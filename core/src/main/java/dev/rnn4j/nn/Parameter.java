package dev.rnn4j.nn;

import dev.rnn4j.kernel.VectorApi;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/**
 * A trainable tensor and its gradient, named as in PyTorch's {@code state_dict} ({@code weight_ih_l0}).
 *
 * <p>Values and gradient are views into flat arrays ({@code data[offset .. offset+size)},
 * {@code grad[offset .. offset+size)}), so a model can move all its parameters into one buffer
 * ({@link ParameterBuffer}) that the optimizer, gradient clipping and checkpoints see as one array.
 * Layers therefore read {@code data} and {@code offset} at every call rather than caching them.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final int size;
    float[] data;
    float[] grad;
    int offset;

    public Parameter(String name, int... shape) {
        VectorApi.require();   // fail here, naming the JVM flag, not at the first kernel call
        this.name = name;
        this.shape = shape.clone();
        this.size = Math.toIntExact(Shapes.numel(shape));
        this.data = new float[size];
        this.grad = new float[size];
        this.offset = 0;
    }

    public String name() { return name; }

    public int[] shape() { return shape.clone(); }

    public int size() { return size; }

    /** The array holding the values; they are at {@code [offset(), offset()+size())}. */
    public float[] data() { return data; }

    /** The array holding the gradient, at the same offset as the values. */
    public float[] grad() { return grad; }

    public int offset() { return offset; }

    /** A copy of the values as a tensor of this parameter's shape. */
    public Tensor value() {
        float[] v = new float[size];
        System.arraycopy(data, offset, v, 0, size);
        return new Tensor(v, shape);
    }

    /** A copy of the gradient as a tensor of this parameter's shape. */
    public Tensor gradient() {
        float[] g = new float[size];
        System.arraycopy(grad, offset, g, 0, size);
        return new Tensor(g, shape);
    }

    /** Copies {@code t} into the values; its shape must equal this parameter's. */
    public void set(Tensor t) {
        Shapes.require("parameter " + name, t, shape);
        System.arraycopy(t.data(), 0, data, offset, size);
    }

    public void zeroGrad() { java.util.Arrays.fill(grad, offset, offset + size, 0f); }

    /** Moves values and gradient into {@code newData}/{@code newGrad} at {@code newOffset} (values copied). */
    void relocate(float[] newData, float[] newGrad, int newOffset) {
        System.arraycopy(data, offset, newData, newOffset, size);
        System.arraycopy(grad, offset, newGrad, newOffset, size);
        data = newData;
        grad = newGrad;
        offset = newOffset;
    }

    @Override
    public String toString() { return name + Shapes.str(shape); }
}
