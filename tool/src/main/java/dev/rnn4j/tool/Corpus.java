package dev.rnn4j.tool;

import dev.rnn4j.text.CharCorpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Where training text comes from: a file (plain or .gz, UTF-8) or the corpus embedded in the jar. */
public record Corpus(String name, String text) {
    public static final String DEFAULT_NAME = "tinyshakespeare";

    /** The embedded default: tinyshakespeare (char-rnn's corpus; see corpus/tinyshakespeare.PROVENANCE.md). */
    public static Corpus embedded() {
        try (InputStream in = Corpus.class.getResourceAsStream("corpus/tinyshakespeare.txt.gz")) {
            if (in == null) throw new IllegalStateException("the embedded corpus is missing from the jar");
            return new Corpus(DEFAULT_NAME,
                    CharCorpus.decodeUtf8(new GZIPInputStream(in).readAllBytes(), DEFAULT_NAME));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded corpus", e);
        }
    }

    /**
     * Reads {@code file} given with {@code --data}, gunzipping names ending in .gz; errors name the file and problem.
     */
    public static Corpus read(Path file) { return read("--data", file); }

    /** As {@link #read(Path)}, for a file given with {@code flag}; null is the embedded corpus. */
    public static Corpus read(String flag, Path file) {
        if (file == null) return embedded();
        String text = InputFiles.text(flag, file);
        String name = file.getFileName().toString().replaceFirst("(\\.txt)?(\\.gz)?$", "");
        return new Corpus(name, text);
    }

    /**
     * The text a run was trained on, as its checkpoint records it: the embedded corpus, or the file at {@code path}
     * when it still holds the same text ({@code sha256}); otherwise one line saying which file to pass with
     * {@code flag}. {@code path} is null for text that came from no file; {@code sha256} null for checkpoints
     * that record only the text's name.
     */
    public static Corpus trainedOn(String name, String path, String sha256, String flag) {
        if (path == null) {
            if (DEFAULT_NAME.equals(name)) {
                Corpus embedded = embedded();
                if (sha256 == null || embedded.sha256().equals(sha256)) return embedded;
            }
            String hash = sha256 == null ? "" : " (sha256 " + sha256.substring(0, 12) + "...)";
            throw new UserError("this run was trained on '" + name + "'" + hash + ", and its checkpoint does not say "
                    + "which file that was: pass " + flag + " FILE with that text");
        }
        Path file = Path.of(path);
        String trained = "this run was trained on " + path + " (sha256 " + sha256.substring(0, 12) + "...)";
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserError(trained + ", which is no longer there: pass " + flag + " FILE with that text");
        }
        Corpus corpus = read(flag, file);
        if (!corpus.sha256().equals(sha256)) {
            throw new UserError(trained + ", but that file has changed since (sha256 now "
                    + corpus.sha256().substring(0, 12) + "...): pass " + flag
                    + " FILE with the text it was trained on");
        }
        return corpus;
    }

    /** The SHA-256 of the text as UTF-8 (for a plain UTF-8 file, what {@code sha256sum} prints for it). */
    public String sha256() { return InputFiles.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
}
