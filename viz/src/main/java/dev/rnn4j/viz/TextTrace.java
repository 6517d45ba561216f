package dev.rnn4j.viz;

import dev.rnn4j.nn.RecurrentKind;

/**
 * A model's inside over one text, after every character: per layer the hidden state, the LSTM cell
 * state and the gates, plus the distribution of the next character. All arrays are time-major.
 *
 * @param ids           the text as vocabulary ids, one per step
 * @param probabilities next-character distribution after each step, (T, V)
 */
record TextTrace(RecurrentKind kind, int[] ids, int hiddenSize, int vocabSize, Layer[] layers, float[] probabilities) {

    /**
     * One layer's record.
     *
     * @param hidden h_t, (T, H)
     * @param cells  LSTM c_t, (T, H); null for GRU and RNN
     * @param gates  (T, G·H) in PyTorch's order: LSTM [i, f, g, o], GRU [r, z, n], RNN the activation h_t
     */
    record Layer(float[] hidden, float[] cells, float[] gates) {}

    int steps() { return ids.length; }

    /** The gate names in row order; a plain RNN has no gates, only its tanh activation. */
    static String[] gateNames(RecurrentKind kind) {
        return switch (kind) {
            case LSTM -> new String[] {"i", "f", "g", "o"};
            case GRU -> new String[] {"r", "z", "n"};
            case RNN -> new String[] {"h"};
        };
    }

    /** Whether gate {@code g} of {@code kind} is a tanh (range −1..1) rather than a sigmoid (0..1). */
    static boolean isTanhGate(RecurrentKind kind, int g) {
        return kind == RecurrentKind.RNN || g == 2;
    }

    /**
     * The value a cell is colored by: tanh(c_t) for LSTM (the memory, as in Karpathy's figures), else h_t.
     * Always within −1..1.
     */
    float activation(int layer, int t, int unit) {
        Layer l = layers[layer];
        return l.cells() != null ? (float) Math.tanh(l.cells()[t * hiddenSize + unit])
                : l.hidden()[t * hiddenSize + unit];
    }
}
