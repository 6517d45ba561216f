package dev.rnn4j.keras;

import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Keras's {@code Dense(units, activation)}: {@code y = f(x·W + b)} over the last dimension, so on a
 * sequence {@code (B, T, F)} it acts on every step. Kernel {@code glorot_uniform}, bias zeros; parameters
 * {@code in·units + units}.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class Dense implements Layer {
    private final int units;
    private final Activation activation;
    private boolean useBias = true;
    private Linear linear;        // PyTorch layout: weight (units, in) is Keras's kernel transposed
    private Shape outputShape;

    /** A linear layer (no activation). */
    public Dense(int units) { this(units, Activation.LINEAR); }

    public Dense(int units, Activation activation) {
        Shapes.requirePositive("Dense units", units);
        if (activation == null) {
            throw new IllegalArgumentException("Dense activation must not be null (use Activation.LINEAR)");
        }
        this.units = units;
        this.activation = activation;
    }

    /** Without the bias vector (Keras's {@code use_bias=False}); set before building. */
    public Dense useBias(boolean on) {
        if (linear != null) throw new IllegalStateException("Dense options must be set before the layer is built");
        this.useBias = on;
        return this;
    }

    public boolean isUseBias() { return useBias; }

    public int units() { return units; }

    public Activation activation() { return activation; }

    @Override
    public String typeName() { return "Dense"; }

    @Override
    public Shape build(Shape inputShape, Rng rng) {
        int in = inputShape.last();
        if (linear != null) {
            if (in != linear.inFeatures()) {
                throw new IllegalArgumentException("Dense was built for input size " + linear.inFeatures()
                        + ", got input shape " + inputShape);
            }
            return outputShape;
        }
        if (in == Shape.NONE) {
            throw new IllegalArgumentException("Dense needs a known last input dimension, got " + inputShape);
        }
        linear = new Linear(in, units, useBias, new Rng(0));    // PyTorch's init, replaced by Keras's below
        KerasInit.glorotUniform(linear.weight(), in, units, rng);
        if (useBias) KerasInit.fill(linear.bias(), 0, units, 0f);
        outputShape = inputShape.withLast(units);
        return outputShape;
    }

    @Override
    public boolean isBuilt() { return linear != null; }

    @Override
    public Shape outputShape() { return outputShape; }

    /** The kernel in PyTorch's layout (units, in); null before build. */
    public Parameter weight() { return linear == null ? null : linear.weight(); }

    public Parameter bias() { return linear == null ? null : linear.bias(); }

    @Override
    public List<Parameter> parameters() { return linear == null ? List.of() : linear.parameters(); }

    @Override
    public Call call(Tensor x, int[] lengths, boolean training) {
        if (linear == null) {
            throw new IllegalStateException("Dense(" + units
                    + ") is not built: call build(inputShape, rng) or add it to a Sequential");
        }
        Tensor z = linear.forward(x);
        Tensor y = Tensor.zeros(z.shape());
        activation.forward(z.data(), y.data(), units);
        return new Call(this, x, z, y, lengths);
    }

    /**
     * A call of a Dense layer. {@code preActivation} is z = x·W + b; a loss fused with the activation enters through
     * {@link #backwardFromPreActivation}.
     */
    public record Call(Dense layer, Tensor input, Tensor preActivation, Tensor output,
            int[] lengths) implements LayerCall {
        @Override
        public Tensor backward(Tensor dOutput) {
            Shapes.require("Dense backward dOutput", dOutput, output.shape());
            float[] dz = new float[dOutput.numel()];
            layer.activation.backward(output.data(), dOutput.data(), dz, layer.units);
            return backwardFromPreActivation(new Tensor(dz, output.shape()));
        }

        /**
         * Backward from dL/dz, z = x·W + b the value before the activation (a sigmoid or softmax fused into the loss).
         */
        public Tensor backwardFromPreActivation(Tensor dz) {
            return layer.linear.backward(input, dz);
        }
    }

    @Override
    public String toString() {
        return "Dense(" + units + ", " + activation.kerasName() + (useBias ? "" : ", use_bias=False") + ")";
    }
}
