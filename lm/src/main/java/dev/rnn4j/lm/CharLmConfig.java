package dev.rnn4j.lm;

import dev.rnn4j.nn.RecurrentKind;

/**
 * The shape of a character language model: {@code Embedding(V, H) -> RNN/LSTM/GRU(H, H, L) -> Linear(H, V)},
 * the PyTorch module of the {@code charlm_train} golden case and of {@code pytorch_bench.py}.
 *
 * <pre>{@code
 * CharLmConfig c = new CharLmConfig(RecurrentKind.LSTM, 65, 256, 2, 0.0f, 42);
 * }</pre>
 *
 * @param dropout between recurrent layers, as {@code torch.nn.LSTM(dropout=...)}, and on the top layer's
 *                output before the head, as char-rnn (training only)
 * @param seed    initialises every parameter
 */
public record CharLmConfig(RecurrentKind cell, int vocabSize, int hiddenSize, int numLayers, float dropout, long seed)
        implements java.io.Serializable {
    public CharLmConfig {
        if (cell == null) throw new IllegalArgumentException("cell must be one of lstm, gru, rnn");
        if (vocabSize < 2) throw new IllegalArgumentException("vocabulary must have at least 2 characters, got " + vocabSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException("hidden size must be positive, got " + hiddenSize);
        if (numLayers <= 0) throw new IllegalArgumentException("number of layers must be positive, got " + numLayers);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }

    /** The PyTorch attribute name of the recurrent module, the prefix of its {@code state_dict} keys. */
    public String recurrentName() { return cell.name().toLowerCase(java.util.Locale.ROOT); }
}
