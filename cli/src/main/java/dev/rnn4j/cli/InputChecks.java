package dev.rnn4j.cli;

import dev.rnn4j.io.CheckpointDirectory;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.UserError;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The checks the commands make before any work starts, so that bad input costs one clear line (exit
 * code 2) and never a half-written run: flag ranges, texts too short to train on, run directories that
 * already hold a run or cannot be written.
 *
 * <pre>{@code
 * InputChecks.atLeast("--hidden", hidden, 1);                      // "--hidden must be an integer >= 1, got 0"
 * InputChecks.inRange("--dropout", dropout, 0, true, 1, false);   // "--dropout must be in [0, 1), got 1"
 * }</pre>
 */
final class InputChecks {
    private InputChecks() {}

    static void atLeast(String flag, long value, long min) {
        if (value < min) throw new UserError(flag + " must be an integer >= " + min + ", got " + value);
    }

    /** {@code value} within the interval, each end open or closed as given; NaN is always out. */
    static void inRange(String flag, double value, double lo, boolean loClosed, double hi, boolean hiClosed) {
        boolean aboveLo = loClosed ? value >= lo : value > lo;
        boolean belowHi = hiClosed ? value <= hi : value < hi;
        if (!(aboveLo && belowHi)) {
            String range = Double.isInfinite(hi) ? (loClosed ? ">= " : "> ") + number(lo)
                    : "in " + (loClosed ? "[" : "(") + number(lo) + ", " + number(hi) + (hiClosed ? "]" : ")");
            throw new UserError(flag + " must be " + range + ", got " + number(value));
        }
    }

    /** Positive and finite, e.g. a learning rate. */
    static void positive(String flag, double value) { inRange(flag, value, 0, false, Double.POSITIVE_INFINITY, false); }

    static void oneOf(String flag, String value, List<String> allowed) {
        if (!allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw new UserError("unknown " + flag + " '" + value + "': use " + String.join(", ", allowed));
        }
    }

    /** {@code 0.3}, {@code 5}, {@code 1e-5}, {@code 1e6}: numbers as people type them, to 6 significant digits. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        BigDecimal r = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || (a < 1e6 && a >= 1e-4)) return BigDecimal.valueOf(r.doubleValue()).stripTrailingZeros().toPlainString();
        int exponent = r.precision() - r.scale() - 1;
        return r.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }

    /** A text with nothing to learn from fails here rather than as an obscure size error later. */
    static void requireTrainable(Corpus corpus, Path file) {
        String source = file == null ? corpus.name() : file.toString();
        String text = corpus.text();
        if (text.isEmpty()) throw new UserError(source + " is empty: there is nothing to train on");
        List<Integer> distinct = text.codePoints().distinct().limit(2).boxed().toList();
        if (distinct.size() < 2) {
            throw new UserError(source + " has only one distinct character, " + Vocabulary.describe(distinct)
                    + ": a language model needs at least 2");
        }
    }

    /**
     * The text must give at least one training batch of {@code batch × seq + 1} characters (inputs and the
     * shifted targets) and at least 2 characters of validation, as {@code CharCorpus} splits it.
     */
    static void requireFits(Corpus corpus, Path file, int batch, int seq, double valFrac) {
        String source = file == null ? corpus.name() : file.toString();
        int n = corpus.text().codePointCount(0, corpus.text().length());
        int nVal = CharCorpus.heldOut(n, valFrac);
        int nTrain = n - nVal;
        long needed = (long) batch * seq + 1;
        if (nTrain < needed) {
            int room = Math.max(nTrain - 1, 1);
            String example = room / seq >= 1 ? "--batch-size " + room / seq + " --seq-length " + seq
                    : "--batch-size 1 --seq-length " + room;
            throw new UserError(String.format(Locale.ROOT, "%s has %,d characters; --val-frac %s holds out %,d, leaving %,d for "
                            + "training, but one batch of --batch-size %d x --seq-length %d needs %,d characters: lower them so that "
                            + "batch-size x seq-length <= %,d (e.g. %s), or use a longer text",
                    source, n, number(valFrac), nVal, nTrain, batch, seq, needed, room, example));
        }
        if (nVal < 2) {
            throw new UserError(String.format(Locale.ROOT, "%s has %,d characters; --val-frac %s holds out %d for validation, "
                    + "which needs at least 2: raise --val-frac or use a longer text", source, n, number(valFrac), nVal));
        }
    }

    /** True when {@code dir} already holds a training run's checkpoint (a run stopped before its first holds nothing to keep). */
    static boolean holdsRun(Path dir) {
        return Files.exists(dir.resolve(CheckpointDirectory.LATEST), LinkOption.NOFOLLOW_LINKS);
    }

    /** A new run never writes into an existing one (it would replace its checkpoints). */
    static void requireNoRun(Path dir) {
        if (holdsRun(dir)) {
            throw new UserError("--out " + dir + " already holds a training run: continue it with --resume " + dir
                    + ", or choose another --out");
        }
    }

    /** {@code base}, or the first of {@code base-2}, {@code base-3}, ... that holds no run. */
    static Path freshRunDir(Path base) {
        Path dir = base;
        for (int i = 2; holdsRun(dir); i++) dir = base.resolveSibling(base.getFileName() + "-" + i);
        return dir;
    }

    /** What the operating system said, in its words: "Permission denied", "Read-only file system", ... */
    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException n) return "cannot create " + n.getFile();
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }

    /** Creates {@code dir} and proves a file can be written there, before hours of training depend on it. */
    static void requireWritable(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserError("--out " + dir + " cannot be created: " + p + " is a file, not a directory; choose another --out");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--out " + dir + " is a file, not a directory; choose another --out");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("--out " + dir + " is not writable (" + reason(e) + "); choose a directory you can write to");
        }
    }
}
