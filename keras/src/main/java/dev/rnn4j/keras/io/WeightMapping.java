package dev.rnn4j.keras.io;

import dev.rnn4j.keras.Bidirectional;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.TimeDistributed;
import dev.rnn4j.keras.io.Hdf5Weights.Array;
import dev.rnn4j.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's variables to the parameters of a built {@code dev.rnn4j.keras} layer and back. The layers keep
 * PyTorch's layout, so:
 * <ul>
 *   <li>Dense: Keras's kernel (in, units) is the transpose of {@code weight} (units, in).</li>
 *   <li>Recurrent: Keras's kernel (in, G·H) and recurrent kernel (H, G·H) are the transposes of
 *   {@code weight_ih} (G·H, in) and {@code weight_hh} (G·H, H), with the gate blocks reordered: LSTM's
 *   i, f, c, o is PyTorch's i, f, g, o; GRU's z, r, h becomes PyTorch's r, z, n. Keras's one bias is
 * {@code bias_ih} (bias_hh stays zero); a GRU with reset_after=True has two rows, {@code bias_ih} and {@code
 * bias_hh}.</li>
 *   <li>Bidirectional: the forward layer's variables, then the backward layer's ({@code ..._reverse}).</li>
 * </ul>
 */
final class WeightMapping {
    private WeightMapping() {}

    /** Copies Keras's variables of one layer into its parameters, checking every shape. */
    static void assign(Layer layer, List<Array> arrays, LayerConfig c) {
        List<Array> expected = export(layer);
        if (arrays.size() != expected.size()) {
            throw c.error("needs " + expected.size() + " weight arrays " + shapes(expected) + ", the file has "
                    + arrays.size() + " "
                    + shapes(arrays));
        }
        for (int i = 0; i < arrays.size(); i++) {
            if (!Arrays.equals(arrays.get(i).shape(), expected.get(i).shape())) {
                throw c.error("weight " + i + " should have shape " + Arrays.toString(expected.get(i).shape())
                        + ", the file has "
                        + Arrays.toString(arrays.get(i).shape()));
            }
        }
        transfer(layer, arrays, true);
    }

    /** The layer's parameters as Keras's variables, in Keras's order and shapes. */
    static List<Array> export(Layer layer) {
        List<Array> arrays = new ArrayList<>();
        for (int[] shape : kerasShapes(layer)) arrays.add(new Array(shape, new float[size(shape)]));
        transfer(layer, arrays, false);
        return arrays;
    }

    /** How many variables Keras keeps for the built layer. */
    static int variableCount(Layer layer) { return kerasShapes(layer).size(); }

    /** Keras's variable shapes for a built layer. */
    private static List<int[]> kerasShapes(Layer layer) {
        List<int[]> shapes = new ArrayList<>();
        switch (layer) {
            case Embedding e -> shapes.add(new int[] {e.inputDim(), e.outputDim()});
            case Dense d -> denseShapes(d, shapes);
            case TimeDistributed t -> denseShapes(t.layer(), shapes);
            case Recurrent r -> recurrentShapes(r, inputSize(r.parameters()), shapes);
            case Bidirectional b -> {
                recurrentShapes(b.layer(), inputSize(b.parameters()), shapes);
                recurrentShapes(b.layer(), inputSize(b.parameters()), shapes);
            }
            default -> { }   // no variables
        }
        return shapes;
    }

    private static void denseShapes(Dense d, List<int[]> shapes) {
        shapes.add(new int[] {cols(d.weight()), d.units()});
        if (d.isUseBias()) shapes.add(new int[] {d.units()});
    }

    private static void recurrentShapes(Recurrent r, int inputSize, List<int[]> shapes) {
        int G = gates(r) * r.units();
        shapes.add(new int[] {inputSize, G});
        shapes.add(new int[] {r.units(), G});
        if (r.isUseBias()) shapes.add(r instanceof GRU g && g.isResetAfter() ? new int[] {2, G} : new int[] {G});
    }

    /** Moves values between the arrays and the parameters: into the parameters when {@code load}, else out. */
    private static void transfer(Layer layer, List<Array> arrays, boolean load) {
        switch (layer) {
            case Embedding e -> copy(e.weight(), arrays.get(0).values(), load);
            case Dense d -> dense(d, arrays, load);
            case TimeDistributed t -> dense(t.layer(), arrays, load);
            case Recurrent r -> recurrent(r, r.parameters(), "_l0", arrays, load);
            case Bidirectional b -> {
                int n = arrays.size() / 2;
                recurrent(b.layer(), b.parameters(), "_l0", arrays.subList(0, n), load);
                recurrent(b.layer(), b.parameters(), "_l0_reverse", arrays.subList(n, 2 * n), load);
            }
            default -> { }
        }
    }

    private static void dense(Dense d, List<Array> arrays, boolean load) {
        transposed(d.weight(), arrays.get(0).values(), cols(d.weight()), d.units(), null, load);
        if (d.isUseBias()) copy(d.bias(), arrays.get(1).values(), load);
    }

    private static void recurrent(Recurrent r, List<Parameter> params, String suffix, List<Array> arrays,
            boolean load) {
        int H = r.units(), G = gates(r) * H;
        int[] blocks = kerasBlockOfTorchBlock(r);
        Parameter wIh = find(params, "weight_ih" + suffix), wHh = find(params, "weight_hh" + suffix);
        transposed(wIh, arrays.get(0).values(), cols(wIh), G, blocks, load);
        transposed(wHh, arrays.get(1).values(), H, G, blocks, load);
        if (!r.isUseBias()) return;
        float[] b = arrays.get(2).values();
        Parameter bIh = find(params, "bias_ih" + suffix);
        if (r instanceof GRU g && g.isResetAfter()) {
            Parameter bHh = find(params, "bias_hh" + suffix);
            reordered(bIh, b, 0, H, blocks, load);
            reordered(bHh, b, G, H, blocks, load);
        } else {
            reordered(bIh, b, 0, H, blocks, load);
        }
    }

    /** For each PyTorch gate block, the Keras block it comes from: GRU's [r, z, n] from Keras's [z, r, h]. */
    private static int[] kerasBlockOfTorchBlock(Recurrent r) {
        return switch (gates(r)) {
            case 3 -> new int[] {1, 0, 2};
            case 4 -> new int[] {0, 1, 2, 3};
            default -> new int[] {0};
        };
    }

    private static int gates(Recurrent r) { return r instanceof LSTM ? 4 : r instanceof GRU ? 3 : 1; }

    /** {@code p[row, k] = a[k, col(row)]} for a (rows, cols)-shaped parameter from a (cols, rows) Keras array. */
    private static void transposed(Parameter p, float[] a, int cols, int rows, int[] blocks, boolean load) {
        float[] v = p.data();
        int off = p.offset(), H = blocks == null ? rows : rows / blocks.length;
        for (int row = 0; row < rows; row++) {
            int kerasCol = blocks == null ? row : blocks[row / H] * H + row % H;
            for (int k = 0; k < cols; k++) {
                if (load) v[off + row * cols + k] = a[k * rows + kerasCol];
                else a[k * rows + kerasCol] = v[off + row * cols + k];
            }
        }
    }

    private static void reordered(Parameter p, float[] a, int aOff, int H, int[] blocks, boolean load) {
        float[] v = p.data();
        for (int row = 0; row < p.size(); row++) {
            int from = aOff + blocks[row / H] * H + row % H;
            if (load) v[p.offset() + row] = a[from];
            else a[from] = v[p.offset() + row];
        }
    }

    private static void copy(Parameter p, float[] a, boolean load) {
        if (load) System.arraycopy(a, 0, p.data(), p.offset(), p.size());
        else System.arraycopy(p.data(), p.offset(), a, 0, p.size());
    }

    private static Parameter find(List<Parameter> params, String name) {
        for (Parameter p : params) if (p.name().equals(name)) return p;
        throw new IllegalStateException("no parameter " + name + " in "
                + params.stream().map(Parameter::name).toList());
    }

    private static int inputSize(List<Parameter> params) { return cols(find(params, "weight_ih_l0")); }

    private static int cols(Parameter p) { return p.shape()[1]; }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static String shapes(List<Array> arrays) {
        return arrays.stream().map(a -> Arrays.toString(a.shape())).toList().toString();
    }
}
