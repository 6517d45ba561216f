package dev.rnn4j.examples.seqtools;

import dev.rnn4j.tool.InputFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The lines of a UTF-8 text file, unpacked when its name ends in {@code .gz}; bad bytes are an error
 * naming the file and line, not replaced.
 *
 * <pre>{@code
 * List<String> lines = TextLines.read(Path.of("data/parallel/eng-fra.txt.gz"));
 * }</pre>
 */
public final class TextLines {
    private TextLines() {}

    public static List<String> read(Path file) {
        return InputFiles.lines(null, file);
    }
}
