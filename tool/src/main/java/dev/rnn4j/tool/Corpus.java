package dev.rnn4j.tool;

import dev.rnn4j.text.CharCorpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Where training text comes from: a file (plain or .gz, UTF-8) or the corpus embedded in the jar. */
public record Corpus(String name, String text) {
    public static final String DEFAULT_NAME = "tinyshakespeare";

    /** The embedded default: tinyshakespeare (char-rnn's corpus; see corpus/tinyshakespeare.PROVENANCE.md). */
    public static Corpus embedded() {
        try (InputStream in = Corpus.class.getResourceAsStream("corpus/tinyshakespeare.txt.gz")) {
            if (in == null) throw new IllegalStateException("the embedded corpus is missing from the jar");
            return new Corpus(DEFAULT_NAME, CharCorpus.decodeUtf8(new GZIPInputStream(in).readAllBytes(), DEFAULT_NAME));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded corpus", e);
        }
    }

    /** Reads {@code file}, gunzipping names ending in .gz; errors name the file and the problem. */
    public static Corpus read(Path file) {
        if (file == null) return embedded();
        if (Files.isDirectory(file)) throw new UserError("--data " + file + " is a directory; pass a UTF-8 text file (or .gz)");
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
            }
            String name = file.getFileName().toString().replaceFirst("(\\.txt)?(\\.gz)?$", "");
            return new Corpus(name, CharCorpus.decodeUtf8(bytes, file.toString()));
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (java.util.zip.ZipException e) {
            throw new UserError(file + " ends in .gz but is not gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
