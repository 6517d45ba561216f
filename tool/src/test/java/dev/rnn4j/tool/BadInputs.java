package dev.rnn4j.tool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The bad inputs every command's robustness harness tries (the cli module's and the spark module's): the bad files
 * of each slot kind and what the error line must say about them, the bad numbers, and the promise every case checks
 * (exit code 2, one {@code rnn4j:} line naming the input, what is wrong and the fix, no stack trace).
 *
 * <pre>{@code
 * BadInputs.writeFiles(bad, goodText);            // missing.txt is not written: it is the missing file
 * for (BadInputs.Case c : BadInputs.SLOT_CASES) ...
 * BadInputs.assertOneClearLine(run, c.expected(), "--data", shown);
 * }</pre>
 */
public final class BadInputs {
    private BadInputs() {}

    /**
     * One bad input: for slot cases, the slot kind and the bad value's name (a file {@link #writeFiles} writes, or a
     * run fixture); for flag cases, the arguments to add. {@code expected} is a regular expression the error line
     * must contain.
     */
    public record Case(String name, String slot, String value, String expected) {}

    /** Bad values of each slot kind: the fixture's name and what the error line must say about it. */
    public static final List<Case> SLOT_CASES = List.of(
            new Case("missing file", "text", "missing.txt", "no such file"),
            new Case("empty string", "text", "", "an empty path"),
            new Case("directory", "text", "a-directory", "is a directory"),
            new Case("empty file", "text", "empty.txt", "empty|no |nothing"),
            new Case("binary file", "text", "binary.bin", "not valid UTF-8"),
            new Case("non-UTF-8 file", "text", "latin1.txt", "not valid UTF-8 \\(bad byte 0xE9"),
            new Case("truncated .gz", "text", "truncated.txt.gz", "cut short or damaged gzip"),
            new Case("huge file", "text", "huge.txt", "up to 2 GB"),
            new Case("missing file", "model", "missing.keras", "no such"),
            new Case("empty string", "model", "", "an empty path"),
            new Case("directory", "model", "a-directory", "is a directory"),
            new Case("empty file", "model", "empty.txt", "empty|not |damaged|truncated"),
            new Case("binary file", "model", "binary.bin", "not |neither|damaged|unsupported|unknown"),
            new Case("huge file", "model", "huge.txt", "up to 2 GB|too large"),
            new Case("missing run", "run", "missing-run", "no such"),
            new Case("empty string", "run", "", "an empty path"),
            new Case("empty directory", "run", "a-directory", "no checkpoint"),
            new Case("a text file", "run", "latin1.txt", "not a checkpoint|is a file"),
            new Case("truncated model file", "run", "truncated-run", "is damaged \\(truncated"),
            new Case("binary model file", "run", "binary-run", "is damaged"),
            new Case("missing run", "metrics", "missing-run", "no such"),
            new Case("empty string", "metrics", "", "an empty path"),
            new Case("run without metrics", "metrics", "a-directory", "no metrics.jsonl"),
            new Case("non-UTF-8 file", "metrics", "latin1.txt", "not valid UTF-8"),
            new Case("binary file", "metrics", "binary.bin", "not valid UTF-8|not a JSON"),
            new Case("huge file", "metrics", "huge.txt", "up to 2 GB"),
            new Case("empty string", "out", "", "an empty path"),
            new Case("under a regular file", "out", "a-file/out", "is a file, not a directory"),
            new Case("a regular file", "out", "a-file", "is a file|not empty|is not a directory"),
            new Case("empty string", "page", "", "an empty path"),
            new Case("under a regular file", "page", "a-file/page.html", "is a file, not a directory"),
            new Case("a directory", "page", "a-directory", "is a directory"));

    /** What every numeric flag is given: a negative, an overflowing and, for reals, a non-number and infinity. */
    public static final List<String> BAD_INTS = List.of("-7", "99999999999999999999");
    public static final List<String> BAD_REALS = List.of("-7", "NaN", "1e999");

    /** The words with which a fix starts: an imperative, a suggestion or where the help is. */
    public static final Pattern FIX = Pattern.compile("\\b(pass|use|choose|give|lower|raise|set|add|drop|retrain|"
            + "convert|compress|split|check|resume|restore|try|train|did you mean|see: |must be )",
            Pattern.CASE_INSENSITIVE);

    /**
     * Writes the bad files into {@code bad}: a directory, a regular file, an empty, a binary, a Latin-1 and a
     * truncated gzip file (of {@code text}), and a sparse 3 GB file.
     */
    public static void writeFiles(Path bad, String text) throws IOException {
        Files.createDirectories(bad.resolve("a-directory"));
        Files.writeString(bad.resolve("a-file"), "x");
        Files.createFile(bad.resolve("empty.txt"));
        Files.write(bad.resolve("binary.bin"), binary());
        Files.write(bad.resolve("latin1.txt"), "caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(bad.resolve("truncated.txt.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        try (RandomAccessFile huge = new RandomAccessFile(bad.resolve("huge.txt").toFile(), "rw")) {
            huge.setLength(3L << 30);   // sparse: 3 GB that take no disk
        }
    }

    /** 4 KB that are neither text nor any model format. */
    public static byte[] binary() {
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) (i * 131 + 7);
        return binary;
    }

    /** The command's last word with its last two letters swapped: "train" becomes "trani". */
    public static String misspelled(String word) {
        int n = word.length();
        return word.substring(0, n - 2) + word.charAt(n - 1) + word.charAt(n - 2);
    }

    /**
     * The promise of every case: exit code 2, no stack trace, exactly one {@code rnn4j:} line on stderr matching
     * {@code expected}, naming {@code input}, saying how to fix it. {@code shown} describes the run for failures.
     */
    public static void assertOneClearLine(CommandRun r, String expected, String input, String shown) {
        String all = shown + "\nstderr: " + r.err() + "\nstdout: " + r.out();
        check(r.code() == 2, "exit code 2, got " + r.code() + ": " + all);
        check(!(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("Error:")),
                "no stack trace: " + all);
        List<String> lines = r.err().lines().toList();
        check(lines.size() == 1, "exactly one line on stderr: " + all);
        String line = lines.getFirst();
        check(line.startsWith("rnn4j: "), "starts with 'rnn4j: ': " + all);
        check(Pattern.compile(expected).matcher(line).find(), "'" + expected + "' in: " + all);
        check(line.contains(input), "names the input '" + input + "': " + all);
        check(FIX.matcher(line).find(), "says how to fix it: " + all);
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    /**
     * Every file under {@code root} and two levels of the working directory (outside {@code target}), with its size
     * and time: equal before and after a case means the case wrote nothing.
     */
    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path top : List.of(root, Path.of("").toAbsolutePath())) {
            try (Stream<Path> walk = Files.walk(top, top == root ? Integer.MAX_VALUE : 2)) {
                for (Path p : walk.filter(p -> !p.toString().contains("/target")).toList()) {
                    files.put(p.toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            ? Files.size(p) + "@" + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS) : "");
                }
            }
        }
        return files;
    }
}
