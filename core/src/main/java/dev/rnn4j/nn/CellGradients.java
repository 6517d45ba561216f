package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;

/**
 * Gradients of one cell step w.r.t. its inputs (parameter gradients accumulate into the parameters).
 *
 * <pre>{@code
 * CellGradients g = cell.backward(o, dh, dc);
 * g.input();   // (B, I)
 * g.h();       // (B, H): carry it to the previous step's dh
 * }</pre>
 *
 * @param c dL/dc for LstmCell, null otherwise
 */
public record CellGradients(Tensor input, Tensor h, Tensor c) {}
