package dev.rnn4j.examples.common;

import dev.rnn4j.tool.UserError;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the datasets the examples ship with live: {@code data/} at the project root, which the launcher
 * passes as the system property {@code rnn4j.home}; without it (tests, IDE runs) the working directory
 * and its parent are tried, so both the project root and a module directory work.
 */
public final class ExampleData {
    private ExampleData() {}

    /** {@code given} when the user named a file, else the project's {@code data/<relative>} (see {@link #file}). */
    public static Path fileOr(Path given, String relative) { return given != null ? given : file(relative); }

    /** The file {@code data/<relative>} of the project, or a clear error naming where it was looked for. */
    public static Path file(String relative) {
        String home = System.getProperty("rnn4j.home");
        Path[] roots = home != null ? new Path[] {Path.of(home)} : new Path[] {Path.of(""), Path.of("..")};
        for (Path root : roots) {
            Path p = root.resolve("data").resolve(relative).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) return p;
        }
        throw new UserError("the example's data file data/" + relative + " was not found under "
                + (home != null ? home : "the working directory or its parent")
                + ": run from the project root, or give the file with the example's own option (sentiment and "
                + "generate --train/--test, postag --train/--dev/--test, translate --data)");
    }
}
