package dev.rnn4j.nn;

/**
 * Which recurrent layer a {@link RecurrentConfig} describes; {@code gates} is the number of gate blocks
 * stacked in the weight rows (PyTorch's {@code gate_size / hidden_size}).
 *
 * <pre>{@code
 * int rows = RecurrentKind.LSTM.gates() * hiddenSize;   // weight_ih_l0 has 4·H rows [i, f, g, o]
 * }</pre>
 */
public enum RecurrentKind {
    RNN(1), LSTM(4), GRU(3);

    private final int gates;

    RecurrentKind(int gates) { this.gates = gates; }

    public int gates() { return gates; }
}
