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
public final class CellOutput implements Call {
    private final Tensor h, c;
    final CellCore owner;
    final LayerTrace trace;
    boolean backwardRan;             // its trace then holds gradients (RecurrentLayer#backward)

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

    /** The {@link Call} contract's output: h'. */
    @Override
    public Tensor output() { return h; }

    /** The {@link Call} contract: gradients from {@code dh'} alone (none through c'), returning dx. */
    @Override
    public Tensor backward(Tensor dOutput) { return owner.backward(this, dOutput, null).input(); }

    /** Gradients from {@code dh'} and (LstmCell only) {@code dc'}, each null for zeros: dx, dh, dc. */
    public CellGradients gradients(Tensor dh, Tensor dc) { return owner.backward(this, dh, dc); }
}
