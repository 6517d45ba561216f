package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Keras's {@code Embedding(input_dim, output_dim)}: token ids {@code (B, T)} (stored as exact integers in
 * a float tensor) to vectors {@code (B, T, output_dim)}; {@code input_dim·output_dim} parameters,
 * initialised uniform(−0.05, 0.05).
 *
 * <pre>{@code
 * Embedding e = new Embedding(10000, 32).maskZero(true);   // id 0 is padding
 * }</pre>
 *
 * With {@code maskZero} the id 0 marks padding at the end of a sequence (right padding, as
 * {@code pad_sequences(..., padding='post')}); each call passes the number of steps before the padding
 * to the next layers, and a recurrent layer stops there. Row 0 of the table stays a trainable row, as in
 * Keras, but never receives gradient because padded steps get none. A 0 followed by a non-zero id is
 * rejected, since a recurrent layer cannot skip steps in the middle.
 */
public final class Embedding implements Layer {
    private final int inputDim;
    private final int outputDim;
    private boolean maskZero;
    private int inputLength = Shape.NONE;
    private dev.rnn4j.nn.Embedding table;
    private Shape outputShape;

    public Embedding(int inputDim, int outputDim) {
        Shapes.requirePositive("Embedding inputDim", inputDim);
        Shapes.requirePositive("Embedding outputDim", outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** Treat id 0 as right padding and pass sequence lengths on (Keras's {@code mask_zero=True}). */
    public Embedding maskZero(boolean maskZero) {
        this.maskZero = maskZero;
        return this;
    }

    /** A fixed sequence length, shown in the output shape (Keras's {@code input_length}). */
    public Embedding inputLength(int inputLength) {
        Shapes.requirePositive("Embedding inputLength", inputLength);
        this.inputLength = inputLength;
        return this;
    }

    public int inputDim() { return inputDim; }

    public int outputDim() { return outputDim; }

    public boolean isMaskZero() { return maskZero; }

    /** Keras builds an Embedding without being told its input: {@code (None, inputLength or None)}. */
    Shape defaultInputShape() { return Shape.of(Shape.NONE, inputLength); }

    @Override
    public String typeName() { return "Embedding"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        if (inputShape.rank() != 2) {
            throw new IllegalArgumentException("Embedding expects token ids of shape (batch, steps), got "
                    + inputShape);
        }
        if (table == null) {
            table = new dev.rnn4j.nn.Embedding(inputDim, outputDim, new Rng(0));   // N(0, 1) init, replaced below
            KerasInit.uniform(table.weight(), 0.05f, rng);
        }
        outputShape = Shape.of(Shape.NONE, inputShape.dim(1), outputDim);
        return outputShape;
    }

    @Override
    public boolean isBuilt() { return table != null; }

    @Override
    public Shape outputShape() { return outputShape; }

    public Parameter weight() { return table == null ? null : table.weight(); }

    @Override
    public List<Parameter> parameters() { return table == null ? List.of() : table.parameters(); }

    /**
     * {@code x}: (B, T) token ids; with {@code maskZero} this layer makes the lengths, else it passes the given ones
     * on.
     */
    @Override
    public LayerCall call(Tensor x, int[] lengths, boolean training) {
        if (table == null) {
            throw new IllegalStateException(
                    "Embedding is not built: call build(inputShape, rng) or add it to a Sequential");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Embedding expects token ids of shape (batch, steps), got "
                    + Shapes.str(x.shape()));
        }
        int[] ids = tokenIds(x);
        Tensor y = table.forward(ids, x.shape());
        return new Call(this, ids, y, maskZero ? lengthsBeforePadding(ids, x.size(0), x.size(1)) : lengths);
    }

    private record Call(Embedding layer, int[] ids, Tensor output, int[] lengths) implements LayerCall {
        @Override
        public Tensor backward(Tensor dOutput) {
            layer.table.backward(ids, dOutput);
            return null;
        }
    }

    private int[] tokenIds(Tensor x) {
        float[] v = x.data();
        int[] ids = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            int id = (int) v[i];
            if (id != v[i] || id < 0 || id >= inputDim) {
                throw new IllegalArgumentException("Embedding expects integer token ids in [0, " + inputDim
                        + "), got " + v[i] + " at row " + i / x.size(1) + ", step " + i % x.size(1));
            }
            ids[i] = id;
        }
        return ids;
    }

    /** Steps before the trailing zeros of each row (0 for an all-padding row). */
    static int[] lengthsBeforePadding(int[] ids, int B, int T) {
        int[] lengths = new int[B];
        for (int b = 0; b < B; b++) {
            int len = T;
            while (len > 0 && ids[b * T + len - 1] == 0) len--;
            for (int t = 0; t < len; t++) {
                if (ids[b * T + t] == 0) {
                    throw new IllegalArgumentException("Embedding with maskZero expects right-padded sequences "
                            + "(padding 0 only at the end), but row " + b + " has padding at step " + t
                            + " before token " + ids[b * T + len - 1] + " at step " + (len - 1));
                }
            }
            lengths[b] = len;
        }
        return lengths;
    }

    @Override
    public String toString() {
        return "Embedding(" + inputDim + ", " + outputDim + (maskZero ? ", mask_zero=True" : "") + ")";
    }
}
