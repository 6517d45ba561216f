package dev.rnn4j.examples.seqtools;

import dev.rnn4j.tool.UserError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

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
        List<String> lines = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new UserError(file + ":" + (lines.size() + 1) + ": not valid UTF-8 (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        return lines;
    }
}
