package dev.rnn4j.nn;

import dev.rnn4j.kernel.Rows;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine behind {@link Rnn}, {@link Lstm} and {@link Gru}: numLayers × directions single-direction
 * layers, inter-layer dropout, variable lengths and the batch-first/time-major layouts. Layer l reads the
 * concatenated outputs [forward | reverse] of layer l−1; state tensors are indexed {@code l·D + d}.
 */
final class RecurrentStack {
    final RecurrentConfig config;
    private final RecurrentLayer[][] layers;    // [layer][direction]
    /** The first layer's {@link InputRows} index in time-major order, reused from call to call. */
    private int[] timeMajorIndex = new int[0];
    private final List<Parameter> parameters;
    private final Rng dropoutRng;
    private final Workspace forwardSpace = new Workspace(), backwardSpace = new Workspace();
    private boolean training = true;
    private boolean lockedDropout;

    RecurrentStack(RecurrentConfig config, Rng rng) {
        this.config = config;
        int L = config.numLayers(), D = config.directions();
        layers = new RecurrentLayer[L][D];
        List<Parameter> all = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            for (int d = 0; d < D; d++) {
                layers[l][d] = layer(config, config.layerInputSize(l), d == 1, "_l" + l + (d == 1 ? "_reverse" : ""));
                all.addAll(layers[l][d].parameters());
            }
        }
        parameters = List.copyOf(all);
        initUniform(parameters, config.hiddenSize(), rng);
        dropoutRng = rng.split();
    }

    /** One layer, one direction of the configured kind. */
    static RecurrentLayer layer(RecurrentConfig c, int inputSize, boolean reverse, String suffix) {
        return switch (c.kind()) {
            case LSTM -> c.gateFunction() != GateFunction.SIGMOID
                    ? new LstmPlainLayer(inputSize, c.hiddenSize(), c.gateFunction(), c.bias(), reverse, suffix)
                    : new LstmLayer(inputSize, c.hiddenSize(), c.projSize(), c.bias(), reverse, suffix);
            case GRU -> !c.resetAfter()
                    ? new GruResetBeforeLayer(inputSize, c.hiddenSize(), c.gateFunction(), c.bias(), reverse, suffix)
                    : c.gateFunction() != GateFunction.SIGMOID
                    ? new GruPlainLayer(inputSize, c.hiddenSize(), c.gateFunction(), c.bias(), reverse, suffix)
                    : new GruLayer(inputSize, c.hiddenSize(), c.bias(), reverse, suffix);
            case RNN -> new RnnLayer(inputSize, c.hiddenSize(), c.nonlinearity() == Nonlinearity.RELU, c.bias(),
                    reverse, suffix);
        };
    }

    /** PyTorch's {@code reset_parameters}: every parameter ~ U(−1/√H, 1/√H), drawn in parameter order. */
    static void initUniform(List<Parameter> parameters, int hiddenSize, Rng rng) {
        float k = (float) (1.0 / Math.sqrt(hiddenSize));
        for (Parameter p : parameters) {
            float[] v = p.data();
            for (int i = 0; i < p.size(); i++) v[p.offset() + i] = rng.uniform(-k, k);
        }
    }

    List<Parameter> parameters() { return parameters; }

    Parameter parameter(String name) {
        for (Parameter p : parameters) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException(config.kind() + " has no parameter '" + name + "'; it has "
                + parameters.stream().map(Parameter::name).toList());
    }

    void train(boolean on) { training = on; }

    /** Locked (variational) dropout between layers: one mask per sequence and feature, reused at every step. */
    void lockedDropout(boolean on) { lockedDropout = on; }

    boolean lockedDropout() { return lockedDropout; }

    Rng dropoutRng() { return dropoutRng; }

    void reuseBuffers(boolean on) {
        forwardSpace.reuse(on);
        backwardSpace.reuse(on);
    }

    /** With reuse on, only the latest forward's output still has its saved activations. */
    void requireCurrent(RecurrentOutput out, String use) {
        if (forwardSpace.reusing() && out.generation != forwardSpace.generation()) {
            throw new IllegalStateException("cannot " + use + " an output of an earlier forward: this " + config.kind()
                    + " reuses its buffers (reuseBuffers(true)), so a later forward overwrote what that one saved; "
                    + "call "
                    + use + " before the next forward, or turn reuseBuffers off");
        }
    }

    boolean training() { return training; }

    RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0) {
        return forward(input, lengths, h0, c0, null);
    }

    /** With {@code rows} (may be null), the first layer projects each distinct input row once. */
    RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0, InputRows rows) {
        int[] tb = Checks.input(config, input);
        int T = tb[0], B = tb[1], L = config.numLayers(), D = config.directions();
        int H = config.hiddenSize(), P = config.outputSize(), width = D * P;
        boolean lstm = config.kind() == RecurrentKind.LSTM;
        int[] lens = Checks.lengths(lengths, B, T);
        Checks.optional("h0", h0, L * D, B, P);
        if (lstm) Checks.optional("c0", c0, L * D, B, H);

        long generation = forwardSpace.begin();
        float[] x = Layout.toTimeMajor(input.data(), config.batchFirst(), B, T, config.inputSize(), forwardSpace);
        InputRows firstRows = timeMajor(rows, T, B);
        float[] hN = new float[L * D * B * P], cN = lstm ? new float[L * D * B * H] : null;
        LayerTrace[][] traces = new LayerTrace[L][D];
        float[][] masks = new float[L][];
        for (int l = 0; l < L; l++) {
            // every direction writes its columns at every real step; padded steps stay 0
            float[] y = lens == null ? forwardSpace.uninitialized(T * B * width) : forwardSpace.zeros(T * B * width);
            for (int d = 0; d < D; d++) {
                int i = l * D + d;
                LayerTrace s = layers[l][d].forward(x, l == 0 ? firstRows : null, T, B, lens, slice(h0, i, B * P),
                        lstm ? slice(c0, i, B * H) : null, y, d * P, width, forwardSpace);
                System.arraycopy(s.hN(), 0, hN, i * B * P, B * P);
                if (lstm) System.arraycopy(s.cN(), 0, cN, i * B * H, B * H);
                traces[l][d] = s;
            }
            if (l < L - 1 && training && config.dropout() > 0f) {   // inverted dropout between layers
                // locked: a [B, width] mask, the same at every step (Gal & Ghahramani); else one per element
                int n = lockedDropout ? B * width : y.length;
                masks[l] = Dropout.fillMask(dropoutRng, config.dropout(), forwardSpace.uninitialized(n));
                multiplyEveryStep(y, masks[l]);
            }
            x = y;
        }
        Tensor output = new Tensor(Layout.fromTimeMajor(x, config.batchFirst(), B, T, width, forwardSpace),
                Layout.shape(config.batchFirst(), B, T, width));
        return new RecurrentOutput(this, output, new Tensor(hN, L * D, B, P), lstm ? new Tensor(cN, L * D, B, H) : null,
                traces, masks, T, B, generation);
    }

    /** {@code rows} with its index reordered to the layers' time-major rows (t·B + b); null stays null. */
    private InputRows timeMajor(InputRows rows, int T, int B) {
        if (rows == null) return null;
        rows.check(T * B, config.inputSize());
        if (!config.batchFirst()) return rows;
        if (timeMajorIndex.length != T * B) timeMajorIndex = new int[T * B];
        int[] index = timeMajorIndex;
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) index[t * B + b] = rows.index()[b * T + t];
        }
        return rows.withIndex(index);
    }

    RecurrentGradients backward(RecurrentOutput out, Tensor dOutput, Tensor dHn, Tensor dCn) {
        if (out == null) throw new IllegalArgumentException("out must not be null");
        if (out.owner != this) {
            throw new IllegalArgumentException("out was produced by another " + config.kind() + " module");
        }
        requireCurrent(out, "backward");
        int T = out.seqLength, B = out.batchSize, L = config.numLayers(), D = config.directions();
        int H = config.hiddenSize(), P = config.outputSize(), width = D * P;
        boolean lstm = config.kind() == RecurrentKind.LSTM;
        Checks.optional("dOutput", dOutput, out.output().shape());
        Checks.optional("dHn", dHn, L * D, B, P);
        if (lstm) Checks.optional("dCn", dCn, L * D, B, H);
        Checks.firstBackward(out.backwardRan);
        out.backwardRan = true;

        backwardSpace.begin();
        // the top layer only reads dL/d output
        float[] dy = dOutput == null ? null
                : Layout.timeMajorToRead(dOutput.data(), config.batchFirst(), B, T, width, backwardSpace);
        float[] dh0 = new float[L * D * B * P], dc0 = lstm ? new float[L * D * B * H] : null;
        float[] dhs = new float[B * P], dcs = lstm ? new float[B * H] : null;
        // dL/d input not wanted: the first layer adds its table's gradient instead (InputRows with a gradient)
        InputRows firstRows = out.traces[0][0].inputRows();
        boolean toTable = firstRows != null && firstRows.gradient() != null;
        for (int l = L - 1; l >= 0; l--) {
            float[] dx = l == 0 && toTable ? null : backwardSpace.zeros(T * B * config.layerInputSize(l));
            for (int d = 0; d < D; d++) {
                int i = l * D + d;
                layers[l][d].backward(out.traces[l][d], dy, d * P, width, slice(dHn, i, B * P),
                        lstm ? slice(dCn, i, B * H) : null, dx, d > 0, dhs, dcs);
                System.arraycopy(dhs, 0, dh0, i * B * P, B * P);
                if (lstm) System.arraycopy(dcs, 0, dc0, i * B * H, B * H);
            }
            if (l > 0 && out.dropoutMasks[l - 1] != null) multiplyEveryStep(dx, out.dropoutMasks[l - 1]);
            dy = dx;
        }
        int I = config.inputSize();
        Tensor dInput = toTable ? null
                : new Tensor(Layout.fromTimeMajor(dy, config.batchFirst(), B, T, I, backwardSpace),
                        Layout.shape(config.batchFirst(), B, T, I));
        return new RecurrentGradients(dInput, new Tensor(dh0, L * D, B, P), lstm ? new Tensor(dc0, L * D, B, H) : null);
    }

    /** {@code a[T, B, F] *= mask}: a mask of a's length elementwise, a [B, F] one at every step. */
    private static void multiplyEveryStep(float[] a, float[] mask) {
        for (int off = 0; off < a.length; off += mask.length) Rows.multiply(mask.length, a, off, mask, 0);
    }

    /** Entry {@code i} of a (L·D, B, ·) state tensor, or null when the tensor is null. */
    private static float[] slice(Tensor t, int i, int n) {
        return t == null ? null : Arrays.copyOfRange(t.data(), i * n, (i + 1) * n);
    }
}
