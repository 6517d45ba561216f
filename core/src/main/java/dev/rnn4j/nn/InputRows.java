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
 */
public record InputRows(float[] table, int offset, int count, int[] index) {
    public InputRows {
        if (table == null || index == null) throw new IllegalArgumentException("table and index must not be null");
        if (count < 1 || offset < 0) {
            throw new IllegalArgumentException("need count >= 1 and offset >= 0, got count " + count + ", offset "
                    + offset);
        }
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
        for (int r = 0; r < rows; r++) {
            if (index[r] < 0 || index[r] >= count) {
                throw new IllegalArgumentException("input rows: index " + index[r] + " at row " + r
                        + " is outside the table's " + count + " rows");
            }
        }
    }
}
