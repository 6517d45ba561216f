package dev.rnn4j.examples.postag;

import dev.rnn4j.examples.seqtools.TextLines;
import dev.rnn4j.tool.UserError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the word forms (column 2) and UPOS tags (column 4) of a CoNLL-U treebank
 * (<a href="https://universaldependencies.org/format.html">universaldependencies.org/format.html</a>).
 * Multiword-token lines ({@code 3-4}) and empty nodes ({@code 5.1}) carry no UPOS of their own and are
 * skipped, as the format intends; anything else that is not a well-formed token line is an error naming
 * the file, the line and what was expected.
 *
 * <pre>{@code
 * List<TaggedSentence> train = Conllu.read(Path.of("ko_gsd-ud-train.conllu.gz"));
 * }</pre>
 */
final class Conllu {
    /** The 17 tags of the Universal POS tag set. */
    static final Set<String> UPOS = Set.of("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
            "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X");
    private static final int COLUMNS = 10;

    private Conllu() {}

    static List<TaggedSentence> read(Path file) {
        return parse(TextLines.read(file), file.toString());
    }

    /** Parses the lines of a CoNLL-U file; {@code source} names it in error messages. */
    static List<TaggedSentence> parse(List<String> lines, String source) {
        List<TaggedSentence> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>(), tags = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.isBlank()) {
                if (!words.isEmpty()) sentences.add(new TaggedSentence(words, tags));
                words = new ArrayList<>();
                tags = new ArrayList<>();
                continue;
            }
            if (line.startsWith("#")) {
                if (!words.isEmpty()) {
                    throw error(source, lineNo,
                            "a comment inside a sentence (comments go before its first token line)", line);
                }
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != COLUMNS) {
                throw error(source, lineNo,
                        "10 tab-separated columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), found "
                        + cols.length, line);
            }
            String id = cols[0];
            if (id.matches("\\d+-\\d+") || id.matches("\\d+\\.\\d+")) continue;   // multiword token or empty node
            if (!id.matches("\\d+")) {
                throw error(source, lineNo,
                        "a token ID (1, 2, ...), a range (3-4) or an empty node (5.1) in column 1, found '"
                        + id + "'", line);
            }
            int expected = words.size() + 1;
            if (Integer.parseInt(id) != expected) {
                throw error(source, lineNo,
                        "token ID " + expected + " (IDs count 1, 2, ... within a sentence), found " + id, line);
            }
            String form = cols[1], upos = cols[3];
            if (form.isEmpty()) throw error(source, lineNo, "a word form in column 2, found an empty column", line);
            if (!UPOS.contains(upos)) {
                throw error(source, lineNo,
                        "a Universal POS tag in column 4 (one of " + String.join(" ", UPOS.stream().sorted().toList())
                        + "), found '" + upos + "'", line);
            }
            words.add(form);
            tags.add(upos);
        }
        if (!words.isEmpty()) sentences.add(new TaggedSentence(words, tags));
        if (sentences.isEmpty()) {
            throw new UserError(source + " has no sentences: pass a CoNLL-U file (10 tab-separated columns per token)");
        }
        return sentences;
    }

    private static UserError error(String source, int line, String expected, String found) {
        String shown = found.length() > 80 ? found.substring(0, 80) + "…" : found;
        return new UserError(source + ":" + line + ": expected " + expected + ": " + shown.replace("\t", "⇥"));
    }
}
