package dev.rnn4j.examples.translate;

import dev.rnn4j.examples.seqtools.TextLines;
import dev.rnn4j.tool.UserError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Tatoeba pairs in the manythings.org format, one per line: {@code English<TAB>translation<TAB>attribution}.
 * A line without exactly three fields, or with an empty one, is an error naming the file and the line.
 *
 * <pre>{@code
 * List<SentencePair> pairs = ParallelCorpus.read(Path.of("data/parallel/eng-fra.txt.gz"));
 * }</pre>
 */
final class ParallelCorpus {
    private ParallelCorpus() {}

    static List<SentencePair> read(Path file) {
        return parse(TextLines.read(file), file.toString());
    }

    static List<SentencePair> parse(List<String> lines, String source) {
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new UserError(source + ":" + (i + 1)
                        + ": expected 3 tab-separated fields (English, translation, attribution), found " + f.length
                        + ": " + shorten(line));
            }
            String[] names = {"English sentence", "translation", "attribution"};
            for (int k = 0; k < 3; k++) {
                if (f[k].isBlank()) {
                    throw new UserError(source + ":" + (i + 1) + ": expected a " + names[k] + " in field " + (k + 1)
                            + ", found it empty");
                }
            }
            pairs.add(new SentencePair(Tokens.of(f[0]), Tokens.of(f[1]), f[2].trim()));
        }
        if (pairs.isEmpty()) {
            throw new UserError(source
                    + " has no sentence pairs; pass a file of English<TAB>translation<TAB>attribution lines");
        }
        return pairs;
    }

    private static String shorten(String line) {
        String s = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        return s.replace("\t", "⇥");
    }
}
