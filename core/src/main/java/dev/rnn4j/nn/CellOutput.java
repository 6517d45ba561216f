package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * One step of a recurrent cell: the new state, and what the step saved for its backward pass.
 *
 * <pre>{@code
 * CellOutput o = cell.forward(x, h, c);   // x: (B, I), h, c: (B, H) or null
 * Tensor h1 = o.h(), c1 = o.c();          // c() is null for RnnCell and GruCell
 * }</pre>
 */
public final class CellOutput {
    private final Tensor h, c;
    final CellCore owner;
    final LayerTrace trace;

    CellOutput(CellCore owner, Tensor h, Tensor c, LayerTrace trace) {
        this.owner = owner;
        this.h = h;
        this.c = c;
        this.trace = trace;
    }

    /** h', (B, H). */
    public Tensor h() { return h; }

    /** c' for LstmCell, (B, H); null otherwise. */
    public Tensor c() { return c; }
}
