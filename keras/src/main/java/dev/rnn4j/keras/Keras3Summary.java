package dev.rnn4j.keras;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3's {@code model.summary()}: a box-drawn table (the rich library's heavy-head box, a line between rows)
 * with the columns "Layer (type)", "Output Shape" and a right-aligned "Param #", then the parameter totals with
 * their size in bytes.
 *
 * <p>A functional model that is not one chain gets a fourth column, "Connected to", with the column stops at 0.3,
 * 0.56 and 0.74 of the line.
 *
 * <p>The layout follows Keras 3.6's {@code summary_utils}: the line length is min(88, terminal columns − 4),
 * 76 when the output is not a terminal (80 columns assumed), the column stops at 0.45 and 0.80 of it; the table
 * then fits its three columns (each with one space of padding either side) into the line length minus the four
 * border characters by taking the excess from the columns in turn (rich's {@code ratio_reduce}): 33, 24 and 15
 * characters at 76. A cell wraps at spaces; a word longer than its column ends with "…". Sizes are 4 bytes per
 * float32 weight, shown in B, KB, MB, ... (powers of 1024) with two decimals.
 */
final class Keras3Summary {
    /** What Keras prints when its output is not a terminal: min(88, 80 − 4). */
    static final int LINE_LENGTH = 76;
    private static final double[] POSITIONS = {0.45, 0.80, 1.0};
    private static final String[] HEADER = {"Layer (type)", "Output Shape", "Param #"};
    /** A functional model that is not a chain adds a fourth column, with summary_utils' stops for it. */
    private static final double[] GRAPH_POSITIONS = {0.3, 0.56, 0.74, 1.0};
    private static final String[] GRAPH_HEADER = {"Layer (type)", "Output Shape", "Param #", "Connected to"};

    /**
     * One row: "name (Type)", the output shape or "?", the parameter count or "0 (unbuilt)", and for a model that
     * is not a chain the tensors the layer was called on ("input_layer[0][0], lstm[0][1]", or "-"), else null.
     */
    record Row(String layer, String outputShape, String params, String connectedTo) {
        Row(String layer, String outputShape, String params) { this(layer, outputShape, params, null); }
    }

    /**
     * Parameter totals; {@code optimizerParams} is negative when no optimizer has been built yet (the line is then
     * left out, as Keras does), and {@code optimizerBytes} counts Keras's int64 step counter as 8 bytes.
     */
    record Totals(long trainable, long nonTrainable, long optimizerParams, long optimizerBytes) {
        /**
         * With Keras's optimizer variables once an optimizer exists: the step counter (int64), the learning rate and
         * one slot per weight per buffer (Adam: momentum and velocity; RMSprop: velocity; SGD with momentum:
         * momentum).
         */
        static Totals of(long trainable, long nonTrainable, dev.rnn4j.optim.Optimizer optimizer) {
            if (optimizer == null) return new Totals(trainable, nonTrainable, -1, -1);
            long slots = 0;
            for (float[] b : optimizer.exportState().buffers().values()) slots += b.length;
            return new Totals(trainable, nonTrainable, 2 + slots, 8 + 4 + 4 * slots);
        }
    }

    private Keras3Summary() {}

    static String render(String modelName, List<Row> rows, Totals totals) {
        boolean graph = rows.stream().anyMatch(r -> r.connectedTo() != null);
        int[] widths = columnWidths(graph ? GRAPH_POSITIONS : POSITIONS, LINE_LENGTH);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        rule(sb, widths, '┏', '━', '┳', '┓');
        line(sb, widths, graph ? GRAPH_HEADER : HEADER, '┃');
        rule(sb, widths, '┡', '━', '╇', '┩');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) rule(sb, widths, '├', '─', '┼', '┤');
            Row r = rows.get(i);
            line(sb, widths, graph ? new String[] {r.layer(), r.outputShape(), r.params(),
                    r.connectedTo() == null ? "-" : r.connectedTo()}
                    : new String[] {r.layer(), r.outputShape(), r.params()}, '│');
        }
        rule(sb, widths, '└', '─', '┴', '┘');
        long weightBytes = 4 * (totals.trainable() + totals.nonTrainable());
        long total = totals.trainable() + totals.nonTrainable() + Math.max(0, totals.optimizerParams());
        stat(sb, "Total params", total, weightBytes + Math.max(0, totals.optimizerBytes()));
        stat(sb, "Trainable params", totals.trainable(), 4 * totals.trainable());
        stat(sb, "Non-trainable params", totals.nonTrainable(), 4 * totals.nonTrainable());
        if (totals.optimizerParams() >= 0) {
            stat(sb, "Optimizer params", totals.optimizerParams(), totals.optimizerBytes());
        }
        return sb.toString();
    }

    /** Each column's width including its padding, borders excluded, for the three-column table. */
    static int[] columnWidths(int lineLength) { return columnWidths(POSITIONS, lineLength); }

    private static int[] columnWidths(double[] positions, int lineLength) {
        int[] widths = new int[positions.length];
        int current = 0, sum = 0;
        for (int i = 0; i < widths.length; i++) {
            int w = (int) (positions[i] * lineLength) - current;
            current += w;
            widths[i] = w + 2;
            sum += widths[i];
        }
        int available = lineLength - (widths.length + 1);
        if (sum <= available) return widths;
        // rich's ratio_reduce with equal ratios: each column in turn gives up its share of what is left to take.
        int excess = sum - available, ratios = widths.length;
        for (int i = 0; i < widths.length; i++) {
            int take = (int) Math.min(widths[i], Math.rint((double) excess / ratios));   // Python's round: half even
            widths[i] -= take;
            excess -= take;
            ratios--;
        }
        return widths;
    }

    private static void rule(StringBuilder sb, int[] widths, char left, char fill, char cross, char right) {
        sb.append(left);
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) sb.append(cross);
            sb.append(String.valueOf(fill).repeat(widths[i]));
        }
        sb.append(right).append('\n');
    }

    /** One table row, as many lines as its tallest cell; the third column (Param #) is right-aligned. */
    private static void line(StringBuilder sb, int[] widths, String[] cells, char border) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.length; i++) {
            wrapped.add(wrap(cells[i], widths[i] - 2));
            height = Math.max(height, wrapped.get(i).size());
        }
        for (int k = 0; k < height; k++) {
            sb.append(border);
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) sb.append(border);
                int w = widths[i] - 2;
                String text = k < wrapped.get(i).size() ? wrapped.get(i).get(k) : "";
                String pad = " ".repeat(w - text.length());
                sb.append(' ').append(i == 2 ? pad + text : text + pad).append(' ');
            }
            sb.append(border).append('\n');
        }
    }

    /**
     * rich's word wrap without folding: words (with their trailing spaces) fill a line while they fit; a word
     * longer than the width gets a line of its own, cut to width − 1 characters and "…".
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) i++;
            int wordEnd = i;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            String word = text.substring(start, i);
            int visible = wordEnd - start;
            if (current.length() > 0 && width - current.length() < visible) {
                lines.add(current.toString());
                current.setLength(0);
            }
            current.append(word);
        }
        lines.add(current.toString());
        List<String> fitted = new ArrayList<>();
        for (String l : lines) {
            String s = l.stripTrailing();
            fitted.add(s.length() > width ? s.substring(0, width - 1) + "…" : s);
        }
        return fitted;
    }

    private static void stat(StringBuilder sb, String label, long count, long bytes) {
        sb.append(' ').append(label).append(": ").append(Summary.thousands(count)).append(" (")
                .append(readableSize(bytes)).append(")\n");
    }

    /** Keras's readable_memory_size: "{:.2f} {unit}" in powers of 1024, Python's rounding (half even, exact). */
    static String readableSize(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        for (String unit : units) {
            if (size / 1024 < 1) return twoDecimals(size) + " " + unit;
            size /= 1024;
        }
        return twoDecimals(size) + " " + units[units.length - 1];
    }

    private static String twoDecimals(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
