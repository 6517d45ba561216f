package dev.rnn4j.viz;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./rnn4j viz cells}: the text colored by each hidden cell, with the interpretable cells found automatically.
 */
@Command(name = "cells", mixinStandardHelpOptions = true,
        description = "Color a text by each hidden cell's activation; rank the cells that track quotes, lines, "
                + "brackets.")
final class CellsCommand implements Runnable {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a run directory (uses its latest checkpoint) or a checkpoint directory")
    Path checkpoint;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text (or .gz) to run the model over "
                + "(default: the part of the run's own text it held out)")
        Path file;
        @Option(names = "--prime", paramLabel = "TEXT", description = "the text itself; one shorter than "
                + CellRanking.MIN_CHARS + " characters goes on with the model's own sample to " + OwnSample.LENGTH)
        String text;
    }

    @Option(names = "--max-chars", defaultValue = "2000", paramLabel = "N",
            description = "use at most this many characters of the text (default: ${DEFAULT-VALUE})")
    int maxChars;
    @Option(names = "--out", defaultValue = "cells.html", paramLabel = "FILE",
            description = "the page to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public void run() {
        Flags.atLeast("--max-chars", maxChars, 1);
        OutputPaths.requireWritableFile("--out", out);
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(checkpoint);
        if (source == null) source = new Source();
        String option = source.file != null ? "--text " + source.file
                : source.text != null ? "--prime" : "the run's text";
        String text = source.file != null ? Corpus.read("--text", source.file).text()
                : source.text != null ? source.text
                : runText(c);
        String primed = "";   // a prime too short to rank cells on goes on with the model's own sample
        int primeLength = text.codePointCount(0, text.length());
        if (source.text != null && primeLength > 0 && primeLength < CellRanking.MIN_CHARS
                && c.vocabulary().unknownCodePoints(text).isEmpty()) {
            text = OwnSample.continued(c, text, Math.min(maxChars, OwnSample.LENGTH));
            primed = " (" + primeLength + " of --prime, then the model's own sample)";
        }
        int total = text.codePointCount(0, text.length());
        if (total > maxChars) text = text.substring(0, text.offsetByCodePoints(0, maxChars));
        if (text.isEmpty()) throw new UserError(option + " is empty: give the model some text to read");
        Vocabulary vocab = c.vocabulary();
        List<Integer> unknown = vocab.unknownCodePoints(text);
        if (!unknown.isEmpty()) {
            throw new UserError(option + " has characters the model never saw: " + Vocabulary.describe(unknown)
                    + "; use only characters of its training text");
        }
        int[] ids = vocab.encode(text);
        TextTrace trace = TracedModel.of(c.model()).run(ids);
        List<CellRanking.Ranked> ranked = CellRanking.rank(trace, TextFeatures.of(text.codePoints().toArray()), 3, 24);
        CharLmConfig m = c.model().config();
        String description = String.format(Locale.ROOT,
                "%s, %d layer%s × %d units, %d characters in the vocabulary%s%s; %d characters of %s%s",
                m.cell(), m.numLayers(), m.numLayers() == 1 ? "" : "s", m.hiddenSize(), m.vocabSize(),
                c.dataName() == null ? "" : ", trained on " + c.dataName(),
                c.snapshot() == null ? "" : " for " + c.snapshot().step() + " steps",
                ids.length, source.file != null ? source.file.getFileName()
                        : source.text != null ? "--prime" : "the run's held-out text",
                total > maxChars ? " (first " + maxChars + " of " + total + ")" : "") + primed;
        HtmlPage.write(out, "Cells of " + c.dir().getFileName(), CellsPage.data("Inside the " + m.cell() + ": cells of "
                + c.dir(), description, trace, vocab, ranked), "cells.js");
        System.out.println("wrote " + out + ": " + description);
        if (ids.length < CellRanking.MIN_CHARS) {
            System.out.printf(Locale.ROOT,
                    "cells not ranked: %d characters are too few for a correlation to mean anything "
                    + "(at least %d; give a longer --text or raise --max-chars)%n", ids.length, CellRanking.MIN_CHARS);
        } else if (!ranked.isEmpty()) {
            CellRanking.Ranked best = ranked.get(0);
            System.out.printf(Locale.ROOT, "most interpretable: layer %d cell %d tracks %s (r = %+.2f)%n",
                    best.layer(), best.unit(), best.feature(), best.r());
        }
    }

    /** The run's text, as its checkpoint records it: the part it held out, which it never trained on. */
    private static String runText(CharLmCheckpoint.Loaded c) {
        if (c.text() == null && c.dataName() != null && !c.dataName().equals(Corpus.DEFAULT_NAME)) {
            throw new UserError("this run was trained on '" + c.dataName()
                    + "' and its checkpoint does not say which file "
                    + "that was: pass --text FILE or --prime TEXT");
        }
        String text = c.text() == null ? Corpus.embedded().text()
                : Corpus.trainedOn(c.dataName(), c.text().path(), c.text().sha256(), "--text").text();
        if (c.trainConfig() == null) return text;
        int n = text.codePointCount(0, text.length());
        return text.substring(text.offsetByCodePoints(0, n - CharCorpus.heldOut(n, c.trainConfig().valFrac())));
    }
}
