package dev.rnn4j.nn;

import java.util.List;

/**
 * One layer, one direction of a recurrent network over time-major flat arrays (row {@code t·B + b}).
 * The reverse direction walks t = T−1 … 0; with {@code lengths}, steps {@code t ≥ lengths[b]} leave row b's
 * state unchanged and write no output, which also makes the reverse direction start at {@code lengths[b]−1}.
 */
sealed interface RecurrentLayer permits LstmLayer, LstmPlainLayer, GruLayer, GruResetBeforeLayer, GruPlainLayer,
        RnnLayer {

    /** In PyTorch's {@code named_parameters()} order. */
    List<Parameter> parameters();

    /**
     * Runs all T steps over {@code x [T, B, I]} from {@code h0 [B, Hout]} and {@code c0 [B, H]} (null: zeros)
     * and writes h_t of real steps to {@code y[(t·B + b)·ldy + yOff ...]} (padded rows are left as they are).
     * The arrays it saves for backward come from {@code space}. {@code inputRows} (null: none) says x's rows are
     * copies of a few distinct rows, its index in x's time-major row order: the input projection then multiplies
     * each distinct row once, with the same result.
     */
    LayerTrace forward(float[] x, InputRows inputRows, int T, int B, int[] lengths, float[] h0, float[] c0, float[] y,
                       int yOff, int ldy, Workspace space);

    /**
     * Back-propagation through time: {@code dy} laid out like forward's y (null: zeros), {@code dhN}, {@code dcN}
     * the gradients w.r.t. the final state (null: zeros). Accumulates parameter gradients, writes (or adds to,
     * when {@code accumulateDx}) {@code dx [T, B, I]}, and writes {@code dh0 [B, Hout]} and {@code dc0 [B, H]}
     * (LSTM only; may be null otherwise). It may write dL/da over the activations {@code s} holds (26 MB fewer per
     * layer of H 512 at 3,200 rows, the same bits), and with lengths move the real rows of dL/da and hPrev together
     * (the weight gradients then multiply those alone), so a trace serves one backward, as PyTorch frees its graph
     * unless told to retain it: callers run forward again for another.
     */
    void backward(LayerTrace s, float[] dy, int dyOff, int ldy, float[] dhN, float[] dcN,
                  float[] dx, boolean accumulateDx, float[] dh0, float[] dc0);
}
