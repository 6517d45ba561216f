package dev.rnn4j.keras;

import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code model.summary()} table (the TF2 layout: 65 columns, column stops at 29 and 55, a cell
 * longer than its column wraps onto the next line), with thousands separators in every count. Trailing
 * spaces are trimmed.
 */
final class Summary {
    static final int LINE_LENGTH = 65;
    private static final int[] STOPS = {29, 55, 65};

    /** One row: "name (Type)", the output shape, the trainable and non-trainable parameter counts. */
    record Row(String name, String type, Shape outputShape, long params) {}

    private Summary() {}

    static String render(String modelName, List<Row> rows, long trainable, long nonTrainable) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        sb.append("_".repeat(LINE_LENGTH)).append('\n');
        row(sb, "Layer (type)", "Output Shape", "Param #");
        sb.append("=".repeat(LINE_LENGTH)).append('\n');
        for (Row r : rows) {
            row(sb, r.name() + " (" + r.type() + ")", r.outputShape().toString(), thousands(r.params()));
            sb.append('\n');
        }
        sb.append("=".repeat(LINE_LENGTH)).append('\n');
        sb.append("Total params: ").append(thousands(trainable + nonTrainable)).append('\n');
        sb.append("Trainable params: ").append(thousands(trainable)).append('\n');
        sb.append("Non-trainable params: ").append(thousands(nonTrainable)).append('\n');
        sb.append("_".repeat(LINE_LENGTH)).append('\n');
        return sb.toString();
    }

    /** {@code 322113 -> "322,113"}. */
    static String thousands(long n) { return String.format(Locale.ROOT, "%,d", n); }

    /** Cells start one space in; each column keeps two spaces free before the next stop, as Keras's print_row. */
    private static void row(StringBuilder sb, String... cells) {
        String[] left = cells.clone();
        do {
            StringBuilder line = new StringBuilder(" ");
            for (int col = 0; col < left.length; col++) {
                int start = col == 0 ? 0 : STOPS[col - 1];
                int space = col == left.length - 1 ? 0 : 2;
                int cutoff = STOPS[col] - start - space;
                String fit = left[col].length() > cutoff ? left[col].substring(0, cutoff) : left[col];
                left[col] = left[col].substring(fit.length());
                line.append(fit).append(" ".repeat(space));
                while (line.length() < STOPS[col]) line.append(' ');
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        } while (!String.join("", left).isEmpty());
    }
}
