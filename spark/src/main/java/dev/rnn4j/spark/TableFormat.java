package dev.rnn4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code --format} of the commands that write a table: JSON lines or Parquet. */
final class TableFormat {
    @Option(names = "--format", defaultValue = "json",
            description = "json (JSON lines) or parquet (default: ${DEFAULT-VALUE})")
    String format;

    /** json or parquet, in lower case; anything else is refused before Spark starts. */
    String checked() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("parquet")) {
            throw new IllegalArgumentException("--format must be json or parquet, got '" + format + "'");
        }
        return f;
    }

    /** Writes the rows to {@code out} (a directory of part files) in the checked format. */
    void write(Dataset<Row> rows, String out) {
        if (checked().equals("json")) rows.write().json(out);
        else rows.write().parquet(out);
    }
}
