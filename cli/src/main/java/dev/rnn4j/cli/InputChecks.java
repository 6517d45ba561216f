package dev.rnn4j.cli;

import dev.rnn4j.io.CheckpointDirectory;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;

import java.nio.file.Files;
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

    static void atLeast(String flag, long value, long min) { Flags.atLeast(flag, value, min); }

    /** {@code value} within the interval, each end open or closed as given; NaN is always out. */
    static void inRange(String flag, double value, double lo, boolean loClosed, double hi, boolean hiClosed) {
        Flags.inRange(flag, value, lo, loClosed, hi, hiClosed);
    }

    /** Positive and finite, e.g. a learning rate. */
    static void positive(String flag, double value) { Flags.positive(flag, value); }

    static void oneOf(String flag, String value, List<String> allowed) { Flags.oneOf(flag, value, allowed); }

    /** {@code 0.3}, {@code 5}, {@code 1e-5}, {@code 1e6}: numbers as people type them, to 6 significant digits. */
    static String number(double v) { return Flags.number(v); }

    /** A text with nothing to learn from fails here rather than as an obscure size error later. */
    static void requireTrainable(Corpus corpus, Path file) {
        String source = file == null ? corpus.name() : file.toString();
        String text = corpus.text();
        if (text.isEmpty()) {
            throw new UserError(source
                    + " is empty: there is nothing to train on; pass a text file with something in it");
        }
        List<Integer> distinct = text.codePoints().distinct().limit(2).boxed().toList();
        if (distinct.size() < 2) {
            throw new UserError(source + " has only one distinct character, " + Vocabulary.describe(distinct)
                    + ": a language model needs at least 2; use a text with more");
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
            // The example must work as given: with enough held out for validation too.
            double fraction = nVal >= 2 ? valFrac : validationFractionFor(n);
            int room = Math.max(n - CharCorpus.heldOut(n, fraction) - 1, 1);
            String example = (room / seq >= 1 ? "--batch-size " + room / seq + " --seq-length " + seq
                    : "--batch-size 1 --seq-length " + room)
                    + (fraction == valFrac ? "" : " --val-frac " + number(fraction));
            throw new UserError(String.format(Locale.ROOT, "%s has %,d characters; --val-frac %s holds out %,d, "
                            + "leaving %,d for training, but one batch of --batch-size %d x --seq-length %d needs %,d "
                            + "characters: lower them so that batch-size x seq-length <= %,d (e.g. %s), or use a "
                            + "longer text",
                    source, n, number(valFrac), nVal, nTrain, batch, seq, needed, room, example));
        }
        if (nVal < 2) {
            throw new UserError(String.format(Locale.ROOT, "%s has %,d characters; --val-frac %s holds out %d for "
                    + "validation, which needs at least 2: raise --val-frac (e.g. --val-frac %s) or use a longer text",
                    source, n, number(valFrac), nVal, number(validationFractionFor(n))));
        }
    }

    /** The smallest two-digit fraction that holds out at least 2 of {@code n} characters (too short: a UserError). */
    static double validationFractionFor(int n) {
        double fraction = Math.ceil(250.0 / n) / 100;
        if (fraction >= 0.5 || n - CharCorpus.heldOut(n, fraction) < 2) {
            throw new UserError("the text has only " + n + " characters: too few to hold out 2 for validation and "
                    + "train on the rest; use a longer text");
        }
        return fraction;
    }

    /**
     * True when {@code dir} already holds a training run's checkpoint (a run stopped before its first holds nothing to
     * keep).
     */
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

    /** Creates {@code dir} and proves a file can be written there, before hours of training depend on it. */
    static void requireWritable(Path dir) { OutputPaths.requireWritableDirectory("--out", dir); }
}
