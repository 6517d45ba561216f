package dev.rnn4j.nn;

import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * A fully connected layer {@code y = x·Wᵀ + b}, PyTorch's {@code nn.Linear}, over the last dimension
 * of an input of any rank ({@code (…, in) -> (…, out)}).
 *
 * <pre>{@code
 * Linear head = new Linear(128, 65, true, rng);
 * Tensor logits = head.forward(h);            // h: (B, T, 128) -> (B, T, 65)
 * Tensor dh = head.backward(h, dLogits);      // accumulates weight/bias gradients
 * }</pre>
 *
 * Backward needs only the input, which the caller already holds, so the layer keeps no state between
 * calls and any number of forwards may be outstanding.
 */
public final class Linear implements Layer {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;   // (out, in)
    private final Parameter bias;     // (out) or null

    /**
     * PyTorch's initialisation: {@code kaiming_uniform_(a=√5)} on the weight, which is
     * uniform(±gain·√(3/in)) with gain = √(2/(1+5)), i.e. uniform(±1/√in); the bias is uniform(±1/√in).
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng) {
        Shapes.requirePositive("Linear inFeatures", inFeatures);
        Shapes.requirePositive("Linear outFeatures", outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = new Parameter("weight", outFeatures, inFeatures);
        this.bias = bias ? new Parameter("bias", outFeatures) : null;
        float bound = (float) (1.0 / Math.sqrt(inFeatures));
        fillUniform(weight, bound, rng);
        if (this.bias != null) fillUniform(this.bias, bound, rng);
    }

    /**
     * A layer whose weight is {@code weight}, an (out, in) parameter another layer owns (weight tying, as a
     * language model's output layer reading the embedding matrix): both layers read its values at each call and
     * add their gradients into its one gradient. The bias, if any, is this layer's own, initialised as above.
     */
    public Linear(Parameter weight, boolean bias, Rng rng) {
        if (weight.shape().length != 2) {
            throw new IllegalArgumentException("a shared Linear weight must be (out, in), got shape "
                    + Shapes.str(weight.shape()));
        }
        this.outFeatures = weight.shape()[0];
        this.inFeatures = weight.shape()[1];
        this.weight = weight;
        this.bias = bias ? new Parameter("bias", outFeatures) : null;
        if (this.bias != null) fillUniform(this.bias, (float) (1.0 / Math.sqrt(inFeatures)), rng);
    }

    private static void fillUniform(Parameter p, float bound, Rng rng) {
        float[] d = p.data();
        for (int i = 0; i < p.size(); i++) d[p.offset() + i] = rng.uniform(-bound, bound);
    }

    public int inFeatures() { return inFeatures; }

    public int outFeatures() { return outFeatures; }

    public Parameter weight() { return weight; }

    /** The bias, or null when built without one. */
    public Parameter bias() { return bias; }

    @Override
    public List<Parameter> parameters() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    /** Linear has no dropout or other mode-dependent behaviour. */
    @Override
    public void train(boolean training) {}

    /** {@code x: (…, in) -> (…, out)}. */
    public Tensor forward(Tensor x) {
        int rows = rows("input", x);
        int[] shape = x.shape();
        shape[shape.length - 1] = outFeatures;
        Tensor y = Tensor.zeros(shape);
        forward(x.data(), rows, y.data());
        return y;
    }

    /** The contract form of {@link #forward(Tensor)}: the call keeps {@code x} for its backward. */
    @Override
    public Call call(Tensor x) {
        Tensor y = forward(x);
        return new Call() {
            @Override
            public Tensor output() { return y; }

            @Override
            public Tensor backward(Tensor dy) { return Linear.this.backward(x, dy); }
        };
    }

    /**
     * Accumulates {@code dW += dyᵀ·x} and {@code db += Σ_rows dy}, and returns {@code dx = dy·W}.
     * {@code x} is the input given to forward.
     */
    public Tensor backward(Tensor x, Tensor dy) {
        int rows = rows("input", x);
        int[] yShape = x.shape();
        yShape[yShape.length - 1] = outFeatures;
        if (!Arrays.equals(dy.shape(), yShape)) {
            throw new IllegalArgumentException("Linear backward expects gradient of shape " + Shapes.str(yShape)
                    + ", got " + Shapes.str(dy.shape()) + " (input shape " + Shapes.str(x.shape()) + ")");
        }
        Tensor dx = Tensor.zeros(x.shape());
        backward(x.data(), dy.data(), rows, dx.data());
        return dx;
    }

    /** Flat form: {@code x[rows·in] -> y[rows·out]} (y overwritten). */
    public void forward(float[] x, int rows, float[] y) {
        float[] w = weight.data();
        if (bias != null) {                    // y = x·Wᵀ + b
            Gemm.sgemmPlusRow(false, true, rows, outFeatures, inFeatures, x, 0, inFeatures, w, weight.offset(),
                    inFeatures, bias.data(), bias.offset(), y, 0, outFeatures);
        } else {
            Gemm.sgemm(false, true, rows, outFeatures, inFeatures, x, 0, inFeatures, w, weight.offset(), inFeatures,
                    0f, y, 0, outFeatures);
        }
    }

    /** Flat form of backward; {@code dx} (overwritten) may be null when the input needs no gradient. */
    public void backward(float[] x, float[] dy, int rows, float[] dx) {
        // dW[out×in] += dyᵀ[out×rows] · x[rows×in]
        Gemm.sgemm(true, false, outFeatures, inFeatures, rows, dy, 0, outFeatures, x, 0, inFeatures,
                1f, weight.grad(), weight.offset(), inFeatures);
        if (bias != null) {
            // db += Σ_rows dy, summed in double row by row (contiguous reads).
            double[] sum = new double[outFeatures];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < outFeatures; j++) sum[j] += dy[r * outFeatures + j];
            }
            float[] db = bias.grad();
            int off = bias.offset();
            for (int j = 0; j < outFeatures; j++) db[off + j] += (float) sum[j];
        }
        if (dx != null) {
            // dx[rows×in] = dy[rows×out] · W[out×in]
            Gemm.sgemm(false, false, rows, inFeatures, outFeatures, dy, 0, outFeatures, weight.data(), weight.offset(),
                    inFeatures, 0f, dx, 0, inFeatures);
        }
    }

    private int rows(String what, Tensor x) {
        if (x.rank() < 1 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear expects " + what + " size " + inFeatures
                    + " in the last dimension, got shape " + Shapes.str(x.shape()));
        }
        return x.numel() / inFeatures;
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
