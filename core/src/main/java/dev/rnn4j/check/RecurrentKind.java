package dev.rnn4j.check;

import java.util.Locale;

/**
 * The four recurrent cell types, with the number of gate blocks each stacks in its weight rows
 * (PyTorch: RNN 1, LSTM 4 as {@code [i, f, g, o]}, GRU 3 as {@code [r, z, n]}).
 *
 * <pre>{@code
 * RecurrentKind k = RecurrentKind.parse("lstm");   // LSTM, gates() == 4
 * }</pre>
 */
public enum RecurrentKind {
    RNN_TANH(1, "rnn"),
    RNN_RELU(1, "rnn-relu"),
    LSTM(4, "lstm"),
    GRU(3, "gru");

    private final int gates;
    private final String label;

    RecurrentKind(int gates, String label) {
        this.gates = gates;
        this.label = label;
    }

    /** Gate blocks stacked in {@code weight_ih}/{@code weight_hh}: their rows are {@code gates() * hiddenSize}. */
    public int gates() { return gates; }

    /** The lower-case name used on the command line: rnn, rnn-relu, lstm, gru. */
    public String label() { return label; }

    public boolean isRnn() { return this == RNN_TANH || this == RNN_RELU; }

    /** Accepts the labels and a few spellings users type: rnn, rnn-tanh, rnn_relu, relu, LSTM, gru. */
    public static RecurrentKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "rnn", "rnn-tanh", "tanh" -> RNN_TANH;
            case "rnn-relu", "relu" -> RNN_RELU;
            case "lstm" -> LSTM;
            case "gru" -> GRU;
            default -> throw new IllegalArgumentException(
                    "cell kind must be one of rnn, rnn-relu, lstm, gru, got '" + name + "'");
        };
    }

    @Override
    public String toString() { return label; }
}
