package dev.rnn4j.lm;

import dev.rnn4j.tensor.Tensor;

/**
 * The hidden state a language model carries from one batch (or one sampled character) to the next:
 * {@code h} (layers, batch, hidden) and, for LSTM, {@code c}. Holding values only, it cuts the graph:
 * the next batch's gradients stop here (truncated BPTT).
 */
public final class RecurrentState {
    private Tensor h;
    private Tensor c;

    public RecurrentState(Tensor h, Tensor c) {
        this.h = h;
        this.c = c;
    }

    public Tensor h() { return h; }

    /** The LSTM cell state, or null for GRU and RNN. */
    public Tensor c() { return c; }

    public void set(Tensor h, Tensor c) {
        this.h = h;
        this.c = c;
    }

    /** Zeroes the state in place (at epoch boundaries, as char-rnn does). */
    public void reset() {
        java.util.Arrays.fill(h.data(), 0f);
        if (c != null) java.util.Arrays.fill(c.data(), 0f);
    }
}
