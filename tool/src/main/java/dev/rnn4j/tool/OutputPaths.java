package dev.rnn4j.tool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a command will write, proven before its work starts: by actually creating a file there (permission
 * bits say nothing to root, a read-only mount or a full quota), with one line naming the flag, the path, the
 * problem and the fix.
 *
 * <pre>{@code
 * OutputPaths.requireWritableDirectory("--out", runDir);   // writes and deletes a probe file there
 * OutputPaths.requireWritableFile("--out", page);          // "cells.html"; its directory is created
 * }</pre>
 */
public final class OutputPaths {
    private OutputPaths() {}

    /** Proves a file can be written in {@code dir} (creating it and its parents for the proof, then removing them). */
    public static void requireWritableDirectory(String flag, Path dir) {
        requireNoFileOnTheWay(flag, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(flag + " " + dir + " is a file, not a directory; choose another " + flag);
        }
        probe(flag, dir, dir, "a directory");
    }

    /** Proves {@code file} can be written: not a directory, its directory created and writable. */
    public static void requireWritableFile(String flag, Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(flag + " " + file + " is a directory; give a file name such as "
                    + file.resolve("page.html"));
        }
        requireNoFileOnTheWay(flag, file);
        Path parent = file.toAbsolutePath().getParent();
        probe(flag, file, parent, "a file");
    }

    /** A regular file where a directory of the path should be: creating the path cannot work. */
    private static void requireNoFileOnTheWay(String flag, Path path) {
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserError(flag + " " + path + " cannot be created: " + p
                        + " is a file, not a directory; choose another " + flag);
            }
        }
    }

    /**
     * Creates {@code dir}, writes and deletes a file in it, then removes the directories it had to create: the
     * proof leaves nothing behind, so a command that fails later has written nothing.
     */
    private static void probe(String flag, Path given, Path dir, String what) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError(flag + " " + given + " is not writable (" + reason(e) + "); choose " + what
                    + " you can write to");
        } finally {
            for (Path p = absolute; p != null && !p.equals(existing); p = p.getParent()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    break;   // not empty or not ours: leave it
                }
            }
        }
    }

    /** What the operating system said, in its words: "permission denied", "Read-only file system", ... */
    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException n) return "cannot create " + n.getFile();
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }
}
