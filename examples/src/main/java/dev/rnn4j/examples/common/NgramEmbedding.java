package dev.rnn4j.examples.common;

import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.LayerCall;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * An embedding of several ids per step, summed: {@code (B, T, K)} ids -> {@code (B, T, E)} with
 * {@code y[b,t] = Σ_k table[ids[b,t,k]]}. Here K = 2, a syllable and the bigram ending at it, both in one
 * table, so a step sees its syllable and its left neighbour (the fastText habit, inside an RNN).
 * Id 0 is padding: trailing steps whose ids are all 0 end the sequence (its length goes to the next
 * layer, as Keras's {@code mask_zero}) and row 0 gets no gradient. Initialised uniform(−0.05, 0.05).
 *
 * <pre>{@code
 * Sequential.of(new NgramEmbedding(vocabularySize, 64), new Bidirectional(new GRU(64).returnSequences(true)), ...);
 * }</pre>
 */
final class NgramEmbedding implements Layer {
    private final int inputDim;
    private final int outputDim;
    private Parameter weight;
    private Shape outputShape;

    NgramEmbedding(int inputDim, int outputDim) {
        Shapes.requirePositive("NgramEmbedding inputDim", inputDim);
        Shapes.requirePositive("NgramEmbedding outputDim", outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    @Override
    public String typeName() { return "NgramEmbedding"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException("NgramEmbedding expects ids of shape (batch, steps, ids per step), got "
                    + inputShape);
        }
        if (weight == null) {
            weight = new Parameter("weight", inputDim, outputDim);
            for (int i = 0; i < weight.size(); i++) weight.data()[i] = rng.uniform(-0.05f, 0.05f);
        }
        outputShape = Shape.of(Shape.NONE, inputShape.dim(1), outputDim);
        return outputShape;
    }

    @Override
    public boolean isBuilt() { return weight != null; }

    @Override
    public Shape outputShape() { return outputShape; }

    @Override
    public List<Parameter> parameters() { return weight == null ? List.of() : List.of(weight); }

    @Override
    public LayerCall call(Tensor x, int[] lengths, boolean training) {
        if (weight == null) throw new IllegalStateException("NgramEmbedding is not built");
        if (x.rank() != 3) {
            throw new IllegalArgumentException("NgramEmbedding expects ids (batch, steps, ids per step), got "
                    + Shapes.str(x.shape()));
        }
        int B = x.size(0), T = x.size(1), K = x.size(2), E = outputDim;
        float[] ids = x.data(), w = weight.data(), y = new float[B * T * E];
        int off = weight.offset();
        int[] len = new int[B];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < K; k++) {
                    int id = id(ids[(b * T + t) * K + k], b, t);
                    if (id == 0) continue;
                    len[b] = t + 1;
                    int row = off + id * E, dst = (b * T + t) * E;
                    for (int e = 0; e < E; e++) y[dst + e] += w[row + e];
                }
            }
        }
        return new Call(this, x, new Tensor(y, B, T, E), lengths == null ? len : lengths);
    }

    private int id(float v, int b, int t) {
        int id = (int) v;
        if (id != v || id < 0 || id >= inputDim) {
            throw new IllegalArgumentException("NgramEmbedding expects integer ids in [0, " + inputDim + "), got " + v
                    + " at row " + b + ", step " + t);
        }
        return id;
    }

    private record Call(NgramEmbedding layer, Tensor input, Tensor output, int[] lengths) implements LayerCall {
        @Override
        public Tensor backward(Tensor dOutput) {
            int B = input.size(0), T = input.size(1), K = input.size(2), E = layer.outputDim;
            Shapes.require("NgramEmbedding dOutput", dOutput, B, T, E);
            float[] ids = input.data(), g = layer.weight.grad(), dy = dOutput.data();
            int off = layer.weight.offset();
            for (int n = 0; n < B * T; n++) {
                for (int k = 0; k < K; k++) {
                    int id = (int) ids[n * K + k];
                    if (id == 0) continue;
                    int row = off + id * E;
                    for (int e = 0; e < E; e++) g[row + e] += dy[n * E + e];
                }
            }
            return null;
        }
    }

    @Override
    public String toString() { return "NgramEmbedding(" + inputDim + ", " + outputDim + ")"; }
}
