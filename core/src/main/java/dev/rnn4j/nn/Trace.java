package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * The per-step internals of one layer and direction from a forward pass, for looking inside the network
 * (which cells track what, when a forget gate closes). Time-major copies; gates in PyTorch's row order.
 *
 * <pre>{@code
 * Trace tr = out.trace(0, 0);                       // layer 0, forward direction
 * float f = tr.gates().get(t, b, 1 * H + j);        // LSTM gates [i, f, g, o]: forget gate of unit j
 * float c = tr.cells().get(t, b, j);                // cell state after step t
 * }</pre>
 *
 * @param gates   activations per step: LSTM (T, B, 4H) = i, f, g, o; GRU (T, B, 3H) = r, z, n; RNN (T, B, H) = h_t
 * @param cells   LSTM: the cell state after each step (T, B, H); null otherwise
 * @param lengths the sequence lengths of the batch, or null; gates are 0 at steps past a sequence's end,
 *                where cells hold the carried state
 */
public record Trace(RecurrentKind kind, Tensor gates, Tensor cells, int[] lengths) {

    static Trace of(RecurrentKind kind, LayerTrace s) {
        int T = s.T(), B = s.B();
        Tensor gates = new Tensor(s.gates().clone(), T, B, s.gates().length / (T * B));
        Tensor cells = s.c() == null ? null : new Tensor(s.c().clone(), T, B, s.c().length / (T * B));
        return new Trace(kind, gates, cells, s.lengths() == null ? null : s.lengths().clone());
    }
}
