package dev.rnn4j.keras;

/**
 * Which Keras's {@code model.summary()} layout {@link Sequential#summary(SummaryStyle)} prints.
 *
 * <pre>{@code
 * model.printSummary();                                    // Keras 3's box-drawn table
 * model.printSummary(System.out, SummaryStyle.KERAS2);     // the TF2 / Keras 2 table the older tutorials show
 * }</pre>
 */
public enum SummaryStyle {
    /**
     * Keras 3's table (┏━┳┓ boxes, sizes in bytes after the totals). An unbuilt model is not built for it: its
     * layers show "?" and "0 (unbuilt)", as Keras 3 shows a Sequential model without an Input.
     */
    KERAS3,
    /**
     * The TF2 / Keras 2 table (65 columns of underscores and equals signs). A model starting with an Embedding is
     * built for it with input (None, None), as TF2 did; another unbuilt model is an error.
     */
    KERAS2
}
