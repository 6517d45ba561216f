package dev.rnn4j.keras;

import java.util.Arrays;

/**
 * A layer's input or output shape as Keras prints it: the batch dimension first, {@link #NONE} for a
 * dimension not known until data arrives.
 *
 * <pre>{@code
 * Shape s = Shape.of(Shape.NONE, Shape.NONE, 32);
 * s.toString();      // "(None, None, 32)"
 * s.last();          // 32
 * }</pre>
 */
public record Shape(int[] dims) {
    /** An unknown dimension, printed {@code None}. */
    public static final int NONE = -1;

    public Shape {
        if (dims.length == 0) throw new IllegalArgumentException("a shape needs at least the batch dimension");
        for (int d : dims) {
            if (d < NONE || d == 0) {
                throw new IllegalArgumentException("shape dimensions must be positive or NONE, got "
                        + Arrays.toString(dims));
            }
        }
        dims = dims.clone();
    }

    public static Shape of(int... dims) { return new Shape(dims); }

    /** The shape of a batch of inputs whose per-example shape is {@code perExample}; the batch is unknown. */
    public static Shape batchOf(int... perExample) {
        int[] d = new int[perExample.length + 1];
        d[0] = NONE;
        System.arraycopy(perExample, 0, d, 1, perExample.length);
        return new Shape(d);
    }

    @Override
    public int[] dims() { return dims.clone(); }

    public int rank() { return dims.length; }

    public int dim(int i) { return dims[i < 0 ? dims.length + i : i]; }

    public int last() { return dims[dims.length - 1]; }

    /** This shape with the last dimension replaced. */
    public Shape withLast(int size) {
        int[] d = dims.clone();
        d[d.length - 1] = size;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** Keras's tuple notation: {@code (None, 32)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(dims[i] == NONE ? "None" : Integer.toString(dims[i]));
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
