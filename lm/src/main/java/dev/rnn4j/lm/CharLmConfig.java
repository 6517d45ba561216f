package dev.rnn4j.lm;

import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;

/**
 * The shape of a character language model:
 * {@code Embedding(V, E) -> RNN/LSTM/GRU(E, H, L, proj_size=P) -> Linear(P or H, V)}, the PyTorch module of the
 * {@code charlm_train} golden case and of {@code pytorch_bench.py} (there E = H and P = 0).
 *
 * <pre>{@code
 * CharLmConfig c = new CharLmConfig(RecurrentKind.LSTM, 65, 256, 2, 0.0f, 42);          // E = H = 256
 * CharLmConfig p = c.withEmbeddingSize(64).withProjSize(128);                            // E 64, H 256, P 128
 * }</pre>
 *
 * @param embeddingSize width of the embedding vectors, the recurrent layers' input size
 * @param projSize      LSTM only: 0 for none, else the size each layer's h is projected to (below hiddenSize)
 * @param nonlinearity  RNN only: tanh or relu (TANH for LSTM and GRU)
 * @param dropout       between recurrent layers, as {@code torch.nn.LSTM(dropout=...)}, and on the top layer's
 *                      output before the head, as char-rnn (training only)
 * @param seed          initialises every parameter
 * @param regularization weight tying, locked dropout and weight drop ({@link Regularization#NONE}: all off)
 */
public record CharLmConfig(RecurrentKind cell, int vocabSize, int embeddingSize, int hiddenSize, int numLayers,
                           int projSize, Nonlinearity nonlinearity, float dropout, long seed,
                           Regularization regularization) implements java.io.Serializable {
    /** How {@code dropout} draws its masks. */
    public enum DropoutMode {
        /** A fresh mask for every element, as PyTorch's {@code nn.LSTM(dropout=...)} and {@code nn.Dropout}. */
        STANDARD,
        /** Locked (variational, Gal &amp; Ghahramani): one mask per stream and feature, reused at every step. */
        LOCKED
    }

    /**
     * The regularisers of AWD-LSTM-style language models (Merity et al. 2017), each off by default.
     *
     * <pre>{@code
     * CharLmConfig c = base.withRegularization(new CharLmConfig.Regularization(true, DropoutMode.LOCKED, 0.2f));
     * }</pre>
     *
     * @param tieWeights  the head's weight is the embedding matrix (Press &amp; Wolf 2017): needs embedding size =
     *                    {@link #outputSize()}
     * @param dropoutMode how {@code dropout} between layers and before the head draws its masks
     * @param weightDrop  DropConnect on every {@code weight_hh_l*} (training only): one mask per batch, in [0, 1)
     */
    public record Regularization(boolean tieWeights, DropoutMode dropoutMode, float weightDrop)
            implements java.io.Serializable {
        public static final Regularization NONE = new Regularization(false, DropoutMode.STANDARD, 0f);

        public Regularization {
            if (dropoutMode == null) throw new IllegalArgumentException("dropout mode must be standard or locked");
            if (!(weightDrop >= 0 && weightDrop < 1)) {
                throw new IllegalArgumentException("weight drop must be in [0, 1), got " + weightDrop);
            }
        }
    }

    public CharLmConfig {
        if (regularization == null) regularization = Regularization.NONE;
        if (cell == null) throw new IllegalArgumentException("cell must be one of lstm, gru, rnn");
        if (vocabSize < 2) throw new IllegalArgumentException("vocabulary must have at least 2 characters, got "
                + vocabSize);
        if (embeddingSize <= 0) throw new IllegalArgumentException("embedding size must be positive, got "
                + embeddingSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException("hidden size must be positive, got " + hiddenSize);
        if (numLayers <= 0) throw new IllegalArgumentException("number of layers must be positive, got " + numLayers);
        if (projSize < 0) throw new IllegalArgumentException("proj size must be >= 0 (0 = none), got " + projSize);
        if (projSize > 0 && cell != RecurrentKind.LSTM) {
            throw new IllegalArgumentException("proj size is LSTM's only, got proj size " + projSize + " for " + cell);
        }
        if (projSize >= hiddenSize) {
            throw new IllegalArgumentException("proj size must be smaller than the hidden size " + hiddenSize
                    + ", got " + projSize);
        }
        if (nonlinearity == null) throw new IllegalArgumentException("nonlinearity must be tanh or relu");
        if (nonlinearity != Nonlinearity.TANH && cell != RecurrentKind.RNN) {
            throw new IllegalArgumentException("nonlinearity " + nonlinearity + " is for rnn cells only, got " + cell);
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got "
                + dropout);
        int out = projSize > 0 ? projSize : hiddenSize;
        if (regularization.tieWeights() && embeddingSize != out) {
            throw new IllegalArgumentException("tied weights need the embedding size equal to the recurrent output "
                    + "size (" + (projSize > 0 ? "proj size" : "hidden size") + "): embedding size " + embeddingSize
                    + ", output size " + out + "; set the embedding size to " + out);
        }
    }

    /** No regularisation beyond {@code dropout}: the model every checkpoint before these options had. */
    public CharLmConfig(RecurrentKind cell, int vocabSize, int embeddingSize, int hiddenSize, int numLayers,
                        int projSize, Nonlinearity nonlinearity, float dropout, long seed) {
        this(cell, vocabSize, embeddingSize, hiddenSize, numLayers, projSize, nonlinearity, dropout, seed,
                Regularization.NONE);
    }

    /** Embedding size = hidden size, no projection, tanh: the model every checkpoint before these options had. */
    public CharLmConfig(RecurrentKind cell, int vocabSize, int hiddenSize, int numLayers, float dropout, long seed) {
        this(cell, vocabSize, hiddenSize, hiddenSize, numLayers, 0, Nonlinearity.TANH, dropout, seed);
    }

    public CharLmConfig withEmbeddingSize(int size) {
        return new CharLmConfig(cell, vocabSize, size, hiddenSize, numLayers, projSize, nonlinearity, dropout, seed,
                regularization);
    }

    public CharLmConfig withProjSize(int size) {
        return new CharLmConfig(cell, vocabSize, embeddingSize, hiddenSize, numLayers, size, nonlinearity, dropout,
                seed, regularization);
    }

    public CharLmConfig withNonlinearity(Nonlinearity n) {
        return new CharLmConfig(cell, vocabSize, embeddingSize, hiddenSize, numLayers, projSize, n, dropout, seed,
                regularization);
    }

    public CharLmConfig withRegularization(Regularization r) {
        return new CharLmConfig(cell, vocabSize, embeddingSize, hiddenSize, numLayers, projSize, nonlinearity, dropout,
                seed, r);
    }

    /** Width of the recurrent output the head reads, and of h: projSize if set, else hiddenSize. */
    public int outputSize() { return projSize > 0 ? projSize : hiddenSize; }

    /** The PyTorch attribute name of the recurrent module, the prefix of its {@code state_dict} keys. */
    public String recurrentName() { return cell.name().toLowerCase(java.util.Locale.ROOT); }
}
