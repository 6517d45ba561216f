package dev.rnn4j.tool;

import dev.rnn4j.text.CharCorpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Files a user names on the command line, read whole: a missing file, a directory, an unreadable or a
 * too-large file gets one line naming the flag, the file and the fix, instead of an exception.
 *
 * <pre>{@code
 * byte[] bytes = InputFiles.read("--data", Path.of("notes.txt"));   // "no such file: --data notes.txt"
 * }</pre>
 */
public final class InputFiles {
    /**
     * Bytes per byte of file that reading a text costs at its peak: the bytes, the decoded UTF-16 text (up to
     * 2 chars per byte) and the code points as ints (4 bytes each) side by side.
     */
    static final int TEXT_MEMORY_FACTOR = 12;

    private InputFiles() {}

    /**
     * The text of {@code file} (given with {@code flag}, or null when it has none), strictly UTF-8, unpacked when its
     * name ends in {@code .gz}; a byte-order mark is dropped.
     */
    public static String text(String flag, Path file) {
        byte[] bytes = read(flag, file);
        String source = source(flag, file);
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
            try {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            } catch (ZipException e) {
                throw new UserError(source + " ends in .gz but is not gzip data (" + e.getMessage() + "); pass the "
                        + "text itself, or compress it with gzip");
            } catch (IOException e) {
                throw new UserError(source + " is cut short or damaged gzip data (" + e.getMessage() + "); "
                        + "compress or download it again");
            }
        }
        return CharCorpus.decodeUtf8(bytes, source);
    }

    /** The lines of {@link #text}, without their line ends. */
    public static List<String> lines(String flag, Path file) {
        String text = text(flag, file);
        return text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1)).subList(0, lineCount(text));
    }

    private static int lineCount(String text) {
        int n = (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? n : n + 1;
    }

    /** "--data notes.txt", or just the path when the file has no flag. */
    static String source(String flag, Path file) { return flag == null ? file.toString() : flag + " " + file; }

    /** Checks that {@code file} can be read whole, then reads it. */
    public static byte[] read(String flag, Path file) {
        long size = requireReadable(flag, file);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + source(flag, file) + "; check the path");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read " + source(flag, file) + " (permission denied); check its permissions");
        } catch (IOException e) {
            throw new UserError("cannot read " + source(flag, file) + " (" + e.getMessage() + "); check the file");
        } catch (OutOfMemoryError e) {
            throw Memory.tooLarge("reading " + source(flag, file), size * TEXT_MEMORY_FACTOR, "the file's size");
        }
    }

    /** A regular file that fits in a Java array and in memory as text; returns its size. */
    public static long requireReadable(String flag, Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(source(flag, file) + " is a directory; pass a file");
        }
        if (!Files.exists(file)) throw new UserError("no such file: " + source(flag, file) + "; check the path");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + source(flag, file) + " (" + e.getMessage() + "); check the file");
        }
        if (size > Memory.MAX_ARRAY) {
            throw new UserError(String.format(java.util.Locale.ROOT, "%s is %s; rnn4j reads a file whole, up to 2 GB: "
                    + "split it, or use a part of it", source(flag, file), Memory.gigabytes(size)));
        }
        Memory.require("reading " + source(flag, file) + " (" + Memory.gigabytes(size) + ")", size * TEXT_MEMORY_FACTOR,
                "the file's size (use a part of it)");
        return size;
    }

    /** The SHA-256 of {@code bytes} in hex, as {@code sha256sum} prints it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
