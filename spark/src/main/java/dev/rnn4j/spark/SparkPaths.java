package dev.rnn4j.spark;

import dev.rnn4j.tool.InputFiles;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the paths a Spark command reads and writes, before any work: a local path (no scheme, or
 * {@code file:}) is checked here; a Hadoop URI ({@code hdfs://}, {@code s3a://}) is left to Spark.
 */
final class SparkPaths {
    private SparkPaths() {}

    /** The local file at {@code path} (given with {@code flag}), or null for another file system's URI. */
    static Path local(String flag, String path) {
        if (path.isBlank()) throw new UserError(flag + " is an empty path: give a file or directory name");
        if (!path.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) return Path.of(path);
        URI uri = URI.create(path);
        return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
    }

    /**
     * A local input that exists: a file (any size: Spark reads it in splits), or with {@code directoryToo} a
     * directory of files.
     */
    static void requireInput(String flag, String path, boolean directoryToo) {
        Path p = local(flag, path);
        if (p == null) return;
        if (!Files.exists(p)) throw new UserError("no such file: " + flag + " " + path + "; check the path");
        if (Files.isDirectory(p) && !directoryToo) {
            throw new UserError(flag + " " + path + " is a directory; pass a file");
        }
        if (!Files.isReadable(p)) throw new UserError("cannot read " + flag + " " + path + "; check its permissions");
    }

    /** A local file read whole on the driver (a model, a vocabulary): there, within 2 GB and memory. */
    static Path requireSmallFile(String flag, Path file) {
        InputFiles.requireReadable(flag, file);
        return file;
    }

    /** A directory Spark can create: not there yet, its parents writable. */
    static void requireNewOutput(String flag, String path) {
        Path p = local(flag, path);
        if (p == null) return;
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new UserError(flag + " " + path + " is a file, not a directory; choose another " + flag);
        }
        if (Files.exists(p)) {
            throw new UserError(flag + " " + path + " already exists (Spark writes a new directory of part files); "
                    + "choose another " + flag);
        }
        OutputPaths.requireWritableDirectory(flag, p);
    }
}
