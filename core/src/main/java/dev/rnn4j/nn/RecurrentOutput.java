package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * The result of a recurrent layer's forward pass, and what that pass saved for its backward pass, so
 * several forwards may be outstanding and each {@code backward} uses its own (unless the layer reuses its
 * buffers, {@code reuseBuffers(true)}: then only the latest forward's output is valid). One backward per output, as
 * in PyTorch without {@code retain_graph}: backward writes its gradients over the saved activations (a layer's worth
 * of memory less), so a second backward, or {@link #trace} after backward, fails with a clear error.
 *
 * <pre>{@code
 * RecurrentOutput out = lstm.forward(x);
 * Tensor y = out.output();   // (B, T, D·Hout) if batchFirst else (T, B, D·Hout); padded steps are 0
 * Tensor h = out.hN();       // (D·numLayers, B, Hout)
 * Tensor c = out.cN();       // (D·numLayers, B, hiddenSize) for LSTM, else null
 * }</pre>
 */
public final class RecurrentOutput implements Call {
    private final Tensor output, hN, cN;
    final RecurrentStack owner;
    final LayerTrace[][] traces;     // [layer][direction]
    final float[][] dropoutMasks;    // [layer] for the outputs of all but the last layer, null when not applied
    final int seqLength, batchSize;
    final long generation;           // which forward of the owner made it (see RecurrentStack#requireCurrent)
    boolean backwardRan;             // its traces then hold gradients (RecurrentLayer#backward)

    RecurrentOutput(RecurrentStack owner, Tensor output, Tensor hN, Tensor cN, LayerTrace[][] traces,
                    float[][] dropoutMasks, int seqLength, int batchSize, long generation) {
        this.owner = owner;
        this.output = output;
        this.hN = hN;
        this.cN = cN;
        this.traces = traces;
        this.dropoutMasks = dropoutMasks;
        this.seqLength = seqLength;
        this.batchSize = batchSize;
        this.generation = generation;
    }

    public Tensor output() { return output; }

    public Tensor hN() { return hN; }

    /** The final cell state for LSTM, null for RNN and GRU. */
    public Tensor cN() { return cN; }

    /**
     * The {@link Call} contract: gradients from {@code dOutput} alone (h_n and c_n receive none), returning
     * the input gradient. Use {@link #gradients} for upstream h_n/c_n gradients and the h0/c0 gradients.
     */
    @Override
    public Tensor backward(Tensor dOutput) { return owner.backward(this, dOutput, null, null).input(); }

    /**
     * Gradients from upstream {@code dOutput}, {@code dHn} and (LSTM only) {@code dCn}, each null for zeros,
     * as the layer's {@code backward(out, dOutput, dHn, dCn)}.
     */
    public RecurrentGradients gradients(Tensor dOutput, Tensor dHn, Tensor dCn) {
        if (dCn != null && owner.config.kind() != RecurrentKind.LSTM) {
            throw new IllegalArgumentException(owner.config.kind() + " has no cell state: dCn must be null");
        }
        return owner.backward(this, dOutput, dHn, dCn);
    }

    /**
     * A copy of the dropout multipliers (0 or 1/(1−p)) applied to layer {@code layer}'s output, time-major
     * {@code [T, B, D·Hout]}, or {@code [B, D·Hout]} when locked; null when no dropout was applied there.
     */
    public float[] dropoutMask(int layer) {
        owner.requireCurrent(this, "read the dropout mask of");
        float[] m = layer < dropoutMasks.length ? dropoutMasks[layer] : null;
        return m == null ? null : m.clone();
    }

    /** Per-step gates (and LSTM cells) of layer {@code layer}, direction {@code direction} (1 = reverse). */
    public Trace trace(int layer, int direction) {
        if (layer < 0 || layer >= traces.length || direction < 0 || direction >= traces[0].length) {
            throw new IllegalArgumentException("trace(" + layer + ", " + direction + ") outside " + traces.length
                    + " layers × " + traces[0].length + " directions");
        }
        owner.requireCurrent(this, "trace");
        Checks.traceBeforeBackward(backwardRan);
        return Trace.of(owner.config.kind(), traces[layer][direction]);
    }
}
