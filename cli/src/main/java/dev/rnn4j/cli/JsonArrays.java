package dev.rnn4j.cli;

import dev.rnn4j.cli.ServeHttp.BadRequest;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tensors as JSON's nested arrays, batch first: {@code [[1, 2, 3], [4, 5, 6]]} is a [2, 3] tensor. What a request
 * sends is checked to be a box of numbers, and a slip is named by where it is ({@code x[1][2]}).
 */
final class JsonArrays {
    private JsonArrays() {}

    /** The nested lists {@code value} (as {@code Json} reads them) as a tensor; {@code name} names it in errors. */
    static Tensor toTensor(Object value, String name) {
        List<Integer> shape = new ArrayList<>();
        for (Object v = value; v instanceof List<?> list; v = list.getFirst()) {
            if (list.isEmpty()) throw new BadRequest(400, name + " has an empty array: send at least one row");
            shape.add(list.size());
        }
        if (shape.isEmpty()) throw new BadRequest(400, name + " must be an array of rows, got a single value");
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        long count = 1;
        for (int d : dims) count *= d;
        if (count > Integer.MAX_VALUE) throw new BadRequest(400, name + " holds more numbers than an array can");
        float[] data = new float[(int) count];
        fill(value, dims, 0, data, new int[] {0}, new int[dims.length], name);
        return new Tensor(data, dims);
    }

    /**
     * Copies the numbers under {@code value} (at depth {@code depth}, its place {@code index[0..depth)}) into data
     * from {@code at[0]} on; the place is spelled out ({@code x[1][2]}) only for an error.
     */
    private static void fill(Object value, int[] dims, int depth, float[] data, int[] at, int[] index, String name) {
        if (depth == dims.length) {
            if (!(value instanceof Number n)) {
                throw new BadRequest(400, place(name, index, depth) + " must be a number, got " + (value == null
                        ? "null" : value instanceof List ? "an array (the rows are not all as deep)" : "\"" + value
                        + "\""));
            }
            data[at[0]++] = n.floatValue();
            return;
        }
        if (!(value instanceof List<?> list) || list.size() != dims[depth]) {
            throw new BadRequest(400, place(name, index, depth) + " must be an array of " + dims[depth]
                    + " (as its first neighbour), got " + (value instanceof List<?> l ? "one of " + l.size()
                    : "a single value") + ": rows must all be the same size");
        }
        for (int i = 0; i < list.size(); i++) {
            index[depth] = i;
            fill(list.get(i), dims, depth + 1, data, at, index, name);
        }
    }

    private static String place(String name, int[] index, int depth) {
        StringBuilder sb = new StringBuilder(name);
        for (int d = 0; d < depth; d++) sb.append('[').append(index[d]).append(']');
        return sb.toString();
    }

    /** A tensor as nested lists, its last dimension as float arrays (JSON numbers). */
    static Object of(Tensor t) {
        return nest(t.data(), t.shape(), 0, 0);
    }

    private static Object nest(float[] data, int[] shape, int depth, int offset) {
        int stride = 1;
        for (int d = depth + 1; d < shape.length; d++) stride *= shape[d];
        if (depth == shape.length - 1) return Arrays.copyOfRange(data, offset, offset + shape[depth]);
        List<Object> rows = new ArrayList<>(shape[depth]);
        for (int i = 0; i < shape[depth]; i++) rows.add(nest(data, shape, depth + 1, offset + i * stride));
        return rows;
    }
}
