package dev.rnn4j.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a flat row-major {@code float[]} and a shape.
 *
 * <pre>{@code
 * Tensor x = Tensor.zeros(3, 5, 4);      // (batch, seq, input)
 * x.set(1f, 0, 0, 2);
 * float v = x.get(0, 0, 2);
 * }</pre>
 *
 * The array is shared, not copied: {@code new Tensor(data, shape)} wraps {@code data}.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    public Tensor(float[] data, int... shape) {
        long n = Shapes.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("tensor data has " + data.length + " values but shape "
                    + Arrays.toString(shape) + " needs " + n);
        }
        this.data = data;
        this.shape = shape.clone();
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Math.toIntExact(Shapes.numel(shape))], shape);
    }

    /** A tensor of the given shape filled with standard normal values from {@code rng}. */
    public static Tensor randn(Rng rng, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) rng.nextGaussian();
        return t;
    }

    public float[] data() { return data; }

    public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public int size(int dim) { return shape[dim < 0 ? shape.length + dim : dim]; }

    public int numel() { return data.length; }

    public float get(int... index) { return data[offset(index)]; }

    public void set(float value, int... index) { data[offset(index)] = value; }

    /** The same data seen with another shape of equal element count. */
    public Tensor reshape(int... newShape) { return new Tensor(data, newShape); }

    public Tensor copy() { return new Tensor(data.clone(), shape); }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor shape " + Arrays.toString(shape) + " has rank " + shape.length);
        }
        int off = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[d] + index[d];
        }
        return off;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(data[i]);
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
