package dev.rnn4j.nn;

/**
 * Says that every row of a recurrent network's input is one of a few distinct rows: row r of the input is row
 * {@code index[r]} of {@code table [count, width]} (stored row-major from {@code offset}), as when the input is an
 * embedding lookup of token ids. The first layer then projects each distinct row once, {@code count} rows instead
 * of T·B, and copies the projections into place: the same bits, since a product's element depends only on its
 * own row and column. The input itself must still be passed (backward reads it).
 *
 * <pre>{@code
 * embedding.forward(ids, x);                                   // x[r] = E[ids[r]]
 * InputRows rows = new InputRows(E.data(), E.offset(), vocab, ids);
 * RecurrentOutput out = lstm.forward(new Tensor(x, B, T, width), null, h0, c0, rows);
 * }</pre>
 *
 * {@code index} is in the input's own layout (batch-first or time-major, whichever the input tensor uses).
 *
 * <p>With a {@code gradient} array ({@link #withGradient}), backward adds dL/d{@code table} ({@code count × width},
 * from {@code gradientOffset}) there instead of returning dL/d input ({@link RecurrentGradients#input()} is then
 * null): the first layer sums the gates' gradient rows of each distinct row and multiplies {@code count} sums
 * instead of T·B rows, for both {@code dW_ih} and the table's gradient. An embedding passes its weight's
 * gradient, which is what its own backward would have added (every row: one with a padding index must clear that
 * row's gradient afterwards, as its own backward skips it). The sums are taken in row order, so the
 * result does not depend on the thread count; it differs from the row-by-row products in the last bits only.
 *
 * <pre>{@code
 * InputRows rows = new InputRows(E.data(), E.offset(), vocab, ids).withGradient(E.grad(), E.offset());
 * RecurrentOutput out = lstm.forward(x, null, h0, c0, rows);
 * lstm.backward(out, dOutput, null, null);                     // E.grad() += dL/dE; no embedding.backward
 * }</pre>
 */
public record InputRows(float[] table, int offset, int count, int[] index, float[] gradient, int gradientOffset) {
    public InputRows {
        if (table == null || index == null) throw new IllegalArgumentException("table and index must not be null");
        if (count < 1 || offset < 0 || gradientOffset < 0) {
            throw new IllegalArgumentException("need count >= 1 and offsets >= 0, got count " + count + ", offset "
                    + offset + ", gradient offset " + gradientOffset);
        }
    }

    /** Rows of {@code table} with no gradient wanted for it: backward returns dL/d input as usual. */
    public InputRows(float[] table, int offset, int count, int[] index) {
        this(table, offset, count, index, null, 0);
    }

    /** The same rows, with backward adding dL/d table to {@code gradient} from {@code gradientOffset}. */
    public InputRows withGradient(float[] gradient, int gradientOffset) {
        if (gradient == null) throw new IllegalArgumentException("gradient must not be null");
        return new InputRows(table, offset, count, index, gradient, gradientOffset);
    }

    /** The same table and gradient with another index (the rows reordered). */
    InputRows withIndex(int[] newIndex) {
        return new InputRows(table, offset, count, newIndex, gradient, gradientOffset);
    }

    /** Whether projecting the distinct rows is cheaper than projecting all {@code rows} input rows. */
    boolean pays(int rows) {
        // two or more rows on both sides: a single row takes the product's matrix-vector path, other bits
        return count >= 2 && count < rows;
    }

    /** Checks that the index covers {@code rows} input rows, each naming a row of the table. */
    void check(int rows, int width) {
        if (index.length != rows) {
            throw new IllegalArgumentException("input rows: the index has " + index.length + " entries for an input of "
                    + rows + " rows");
        }
        if ((long) offset + (long) count * width > table.length) {
            throw new IllegalArgumentException("input rows: a table of " + count + " rows of " + width + " from offset "
                    + offset + " needs " + ((long) offset + (long) count * width) + " floats, got " + table.length);
        }
        if (gradient != null && (long) gradientOffset + (long) count * width > gradient.length) {
            throw new IllegalArgumentException("input rows: a gradient of " + count + " rows of " + width
                    + " from offset " + gradientOffset + " needs " + ((long) gradientOffset + (long) count * width)
                    + " floats, got " + gradient.length);
        }
        for (int r = 0; r < rows; r++) {
            if (index[r] < 0 || index[r] >= count) {
                throw new IllegalArgumentException("input rows: index " + index[r] + " at row " + r
                        + " is outside the table's " + count + " rows");
            }
        }
    }
}
