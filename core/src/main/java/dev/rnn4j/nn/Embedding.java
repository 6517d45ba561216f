package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A lookup table of learned vectors, PyTorch's {@code nn.Embedding}: index {@code i} selects row
 * {@code i} of {@code weight (numEmbeddings, embeddingDim)}.
 *
 * <pre>{@code
 * Embedding emb = new Embedding(65, 128, rng);
 * Tensor x = emb.forward(tokens, 32, 100);    // int[32*100] shaped (B, T) -> (B, T, 128)
 * emb.backward(tokens, dx);                   // accumulates row gradients
 * }</pre>
 *
 * With a padding index that row starts at zero and never receives gradient, as in PyTorch.
 */
public final class Embedding implements Layer {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIdx;   // -1 when there is none (a negative argument is already resolved)
    private final Parameter weight;

    /** Weights drawn from N(0, 1), as PyTorch initialises them. */
    public Embedding(int numEmbeddings, int embeddingDim, Rng rng) {
        this(numEmbeddings, embeddingDim, rng, -1);
    }

    /**
     * With a padding row. A negative {@code paddingIdx} counts from the end, as in PyTorch
     * ({@code -1} is the last row).
     */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, Rng rng) {
        this(numEmbeddings, embeddingDim, rng, resolvePadding(numEmbeddings, paddingIdx));
    }

    private Embedding(int numEmbeddings, int embeddingDim, Rng rng, int paddingIdx) {
        Shapes.requirePositive("Embedding numEmbeddings", numEmbeddings);
        Shapes.requirePositive("Embedding embeddingDim", embeddingDim);
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx;
        this.weight = new Parameter("weight", numEmbeddings, embeddingDim);
        float[] w = weight.data();
        for (int i = 0; i < weight.size(); i++) w[weight.offset() + i] = (float) rng.nextGaussian();
        if (paddingIdx >= 0) {
            Arrays.fill(w, weight.offset() + paddingIdx * embeddingDim,
                    weight.offset() + (paddingIdx + 1) * embeddingDim, 0f);
        }
    }

    private static int resolvePadding(int numEmbeddings, int paddingIdx) {
        if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
            throw new IllegalArgumentException("Embedding paddingIdx must be in [" + -numEmbeddings + ", "
                    + numEmbeddings + "), got " + paddingIdx);
        }
        return paddingIdx < 0 ? numEmbeddings + paddingIdx : paddingIdx;
    }

    public int numEmbeddings() { return numEmbeddings; }

    public int embeddingDim() { return embeddingDim; }

    /** The padding row (non-negative), if any. */
    public OptionalInt paddingIdx() { return paddingIdx < 0 ? OptionalInt.empty() : OptionalInt.of(paddingIdx); }

    public Parameter weight() { return weight; }

    @Override
    public List<Parameter> parameters() { return List.of(weight); }

    /** Embedding has no mode-dependent behaviour. */
    @Override
    public void train(boolean training) {}

    /** {@code indices} laid out row-major with {@code shape} (e.g. B, T) -> {@code (…shape, embeddingDim)}. */
    public Tensor forward(int[] indices, int... shape) {
        requireShape(indices, shape);
        int[] outShape = Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = embeddingDim;
        Tensor y = Tensor.zeros(outShape);
        forward(indices, y.data());
        return y;
    }

    /**
     * The contract form: {@code ids} holds token ids as whole numbers (a float represents every id below
     * 2²⁴ exactly), shaped like the indices; the call's backward accumulates row gradients and returns null.
     */
    @Override
    public Call call(Tensor ids) {
        float[] v = ids.data();
        int[] indices = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            indices[i] = (int) v[i];
            if (indices[i] != v[i]) {
                throw new IllegalArgumentException("Embedding expects whole-number token ids, got " + v[i]
                        + " at position " + i);
            }
        }
        return call(indices, ids.shape());
    }

    /** The contract form of {@link #forward(int[], int...)}. */
    public Call call(int[] indices, int... shape) {
        Tensor y = forward(indices, shape);
        return new Call() {
            @Override
            public Tensor output() { return y; }

            @Override
            public Tensor backward(Tensor dy) {
                Embedding.this.backward(indices, dy);
                return null;
            }
        };
    }

    /** Flat form: {@code y[indices.length·embeddingDim]} receives the selected rows. */
    public void forward(int[] indices, float[] y) {
        float[] w = weight.data();
        int off = weight.offset();
        for (int n = 0; n < indices.length; n++) {
            int i = checkIndex(indices, n);
            System.arraycopy(w, off + i * embeddingDim, y, n * embeddingDim, embeddingDim);
        }
    }

    /** Accumulates {@code dy} rows into the gradient rows their indices selected (skipping the padding row). */
    public void backward(int[] indices, Tensor dy) {
        if (dy.numel() != (long) indices.length * embeddingDim || dy.size(-1) != embeddingDim) {
            throw new IllegalArgumentException("Embedding backward expects a gradient of "
                    + indices.length + " rows of " + embeddingDim + ", got shape " + Shapes.str(dy.shape()));
        }
        backward(indices, dy.data());
    }

    /** Flat form of backward over {@code dy[indices.length·embeddingDim]}. */
    public void backward(int[] indices, float[] dy) {
        float[] g = weight.grad();
        int off = weight.offset();
        for (int n = 0; n < indices.length; n++) {
            int i = checkIndex(indices, n);
            if (i == paddingIdx) continue;
            int row = off + i * embeddingDim;
            for (int d = 0; d < embeddingDim; d++) g[row + d] += dy[n * embeddingDim + d];
        }
    }

    private int checkIndex(int[] indices, int n) {
        int i = indices[n];
        if (i < 0 || i >= numEmbeddings) {
            throw new IllegalArgumentException("Embedding index " + i + " at position " + n + " is out of range [0, "
                    + numEmbeddings + ")");
        }
        return i;
    }

    private static void requireShape(int[] indices, int[] shape) {
        if (Shapes.numel(shape) != indices.length) {
            throw new IllegalArgumentException("Embedding indices have " + indices.length + " values but shape "
                    + Shapes.str(shape) + " needs " + Shapes.numel(shape));
        }
    }

    @Override
    public String toString() {
        return "Embedding(" + numEmbeddings + ", " + embeddingDim
                + (paddingIdx >= 0 ? ", padding_idx=" + paddingIdx : "") + ")";
    }
}
