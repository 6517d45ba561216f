package dev.rnn4j.nn;

/**
 * What one layer, one direction saves in forward for backward; all arrays time-major, row {@code t·B + b}.
 * Entries at steps past a sequence's length hold the carried state (gates are 0 there).
 *
 * @param x      the layer's input [T, B, I] (shared by both directions, not copied)
 * @param gates  activations after the step: LSTM [T, B, 4H] = i, f, g, o; GRU [T, B, 3H] = r, z, n; RNN [T, B, H] = h'
 * @param hPrev  the hidden state each step started from [T, B, Hout]
 * @param cPrev  LSTM: the cell each step started from [T, B, H] (LstmPlainLayer), or only the first step's [B, H]
 *               (LstmLayer: the others are c one step back, padded steps carrying it); otherwise null
 * @param c      LSTM: the cell after each step [T, B, H]; otherwise null
 * @param aux    LSTM with projection: o ⊙ tanh(c) before projecting [T, B, H]; LSTM without: tanh(c) [T, B, H]
 *               (real steps only; LstmPlainLayer: null); GRU: W_hn h + b_hn [T, B, H]
 * @param hN     the final hidden state [B, Hout]
 * @param cN     LSTM: the final cell [B, H]; otherwise null
 * @param inputRows what forward was told about x's rows ({@link InputRows}, time-major index), or null
 */
record LayerTrace(int T, int B, int[] lengths, float[] x, float[] gates, float[] hPrev, float[] cPrev, float[] c,
                  float[] aux, float[] hN, float[] cN, InputRows inputRows) {

    /** Whether step t of sequence b is real (not padding). */
    boolean valid(int t, int b) { return lengths == null || t < lengths[b]; }

    static boolean valid(int[] lengths, int t, int b) { return lengths == null || t < lengths[b]; }

    /** Whether row {@code t·B + b} of a time-major [T, B, ·] array holds a real step. */
    static boolean validRow(int[] lengths, int row, int B) { return valid(lengths, row / B, row % B); }
}
