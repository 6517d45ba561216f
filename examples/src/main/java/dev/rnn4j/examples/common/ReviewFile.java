package dev.rnn4j.examples.common;

import dev.rnn4j.tool.InputFiles;
import dev.rnn4j.tool.UserError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NSMC review files: UTF-8 TSV (gzip-compressed when the name ends in {@code .gz}) with the header
 * {@code id<TAB>document<TAB>label} and one review per line, label 0 (negative) or 1 (positive).
 * A malformed line is an error naming the file, the line and what was expected; a review whose text is
 * empty is skipped and counted in {@link Reviews#skippedEmpty()}.
 *
 * <pre>{@code
 * ReviewFile.Reviews train = ReviewFile.read(ExampleData.file("nsmc/nsmc_derived_train.txt.gz"), 0);
 * train.reviews().getFirst().text();
 * }</pre>
 */
public final class ReviewFile {
    static final String HEADER = "id\tdocument\tlabel";
    /** The NSMC splits the project ships, relative to {@code data/} (see {@code ExampleData.file}). */
    public static final String NSMC_TRAIN = "nsmc/nsmc_derived_train.txt.gz",
            NSMC_TEST = "nsmc/nsmc_derived_test.txt.gz";

    /** One review: its text and label (1 positive, 0 negative). */
    public record Review(long id, String text, int label) {}

    /** The reviews read, the file, and how many lines were skipped because their text was empty. */
    public record Reviews(Path file, List<Review> reviews, int skippedEmpty) {
        public int positives() {
            int n = 0;
            for (Review r : reviews) n += r.label();
            return n;
        }
    }

    private ReviewFile() {}

    /** Reads the first {@code limit} reviews of {@code file} (all of them when {@code limit} is 0). */
    public static Reviews read(Path file, int limit) {
        List<String> lines = InputFiles.lines(null, file);
        List<Review> reviews = new ArrayList<>();
        int skipped = 0;
        String header = lines.isEmpty() ? null : lines.getFirst();
        if (header == null || !header.equals(HEADER)) {
            throw new UserError(file + ":1: expected the header \"id<TAB>document<TAB>label\", found \""
                    + shorten(header) + "\"; pass a file in NSMC's format");
        }
        for (int lineNo = 2; lineNo <= lines.size() && (limit == 0 || reviews.size() < limit); lineNo++) {
            Review r = parse(file, lineNo, lines.get(lineNo - 1));
            if (r.text().isBlank()) skipped++;
            else reviews.add(r);
        }
        if (reviews.isEmpty()) {
            throw new UserError("review file " + file
                    + " holds no reviews; pass a file of id<TAB>document<TAB>label lines");
        }
        return new Reviews(file, List.copyOf(reviews), skipped);
    }

    /** The texts of {@code reviews}, in order. */
    public static List<String> texts(List<Review> reviews) {
        List<String> texts = new ArrayList<>(reviews.size());
        for (Review r : reviews) texts.add(r.text());
        return texts;
    }

    static Review parse(Path file, int lineNo, String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length != 3) {
            throw new UserError(file + ":" + lineNo + ": expected 3 tab-separated columns (id, document, label), found "
                    + cols.length + " in \"" + shorten(line) + "\"");
        }
        long id;
        try {
            id = Long.parseLong(cols[0]);
        } catch (NumberFormatException e) {
            throw new UserError(file + ":" + lineNo + ": expected a numeric review id in column 1, found \""
                    + shorten(cols[0]) + "\"");
        }
        if (!cols[2].equals("0") && !cols[2].equals("1")) {
            throw new UserError(file + ":" + lineNo + ": expected label 0 or 1 in column 3, found \""
                    + shorten(cols[2]) + "\"");
        }
        return new Review(id, cols[1].strip(), cols[2].charAt(0) - '0');
    }

    private static String shorten(String s) {
        if (s == null) return "end of file";
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
