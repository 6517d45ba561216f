package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;

/**
 * The optional arguments {@link Rnn.Builder}, {@link Lstm.Builder} and {@link Gru.Builder} share, with
 * PyTorch's defaults: one layer, bias, time-major, no dropout, one direction; initialised from seed 0.
 * {@code B} is the concrete builder, so chained calls keep its own options in reach.
 */
abstract class RecurrentOptions<B extends RecurrentOptions<B>> {
    final int inputSize, hiddenSize;
    int numLayers = 1;
    boolean bias = true, batchFirst = false, bidirectional = false;
    float dropout = 0f;
    Rng rng = new Rng(0);

    RecurrentOptions(int inputSize, int hiddenSize) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    abstract B self();

    public B numLayers(int numLayers) { this.numLayers = numLayers; return self(); }

    public B bias(boolean bias) { this.bias = bias; return self(); }

    public B batchFirst(boolean batchFirst) { this.batchFirst = batchFirst; return self(); }

    /** Dropout on the outputs of every layer but the last, in training mode; in [0, 1). */
    public B dropout(float dropout) { this.dropout = dropout; return self(); }

    public B bidirectional(boolean bidirectional) { this.bidirectional = bidirectional; return self(); }

    /** The generator for initialisation and dropout masks; it is advanced. */
    public B rng(Rng rng) { this.rng = rng; return self(); }

    /** The config these options describe; its seed is the generator's state before initialisation. */
    RecurrentConfig config(RecurrentKind kind, int projSize, Nonlinearity nonlinearity) {
        return new RecurrentConfig(kind, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                projSize, nonlinearity, rng.state());
    }
}
