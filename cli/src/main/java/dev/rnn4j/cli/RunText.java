package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.UserError;

import java.nio.file.Path;
import java.util.List;

/**
 * A run knows its text: its checkpoint records the file's path and the text's SHA-256, so that {@code --resume}
 * and {@code eval} without {@code --data} use that file when it is there and unchanged, and never score or train
 * on other text silently.
 */
final class RunText {
    private RunText() {}

    /**
     * The text {@code c} was trained on: {@code --data} when given (checked against the record), else the
     * recorded file; checkpoints that record only a name fall back to the embedded corpus as before.
     */
    static Corpus of(CharLmCheckpoint.Loaded c, Path data) {
        if (data != null) return Corpus.read(data);
        if (c.text() == null) {
            if (c.dataName() == null || c.dataName().equals(Corpus.DEFAULT_NAME)) return Corpus.embedded();
            throw new UserError("this run was trained on '" + c.dataName() + "' and its checkpoint does not say which "
                    + "file that was: pass --data FILE with that text");
        }
        return Corpus.trainedOn(c.dataName(), c.text().path(), c.text().sha256(), "--data");
    }

    /** {@link #of}, for {@code --resume}: other text than the run's is an error naming what differs. */
    static Corpus forResume(CharLmCheckpoint.Loaded c, Path data) {
        Corpus corpus = of(c, data);
        if (data != null && c.text() != null && !corpus.sha256().equals(c.text().sha256())) {
            requireSameText(c, corpus, data);   // names the unknown characters when there are any
            throw new UserError("--data " + data + " is not the text this run was trained on (sha256 "
                    + corpus.sha256().substring(0, 12) + "... where the run's is " + c.text().sha256().substring(0, 12)
                    + "...): resume with " + (c.text().path() != null ? "--data " + c.text().path() : "the same --data")
                    + ", or train on this text as a new run (without --resume)");
        }
        return corpus;
    }

    /** Resuming on other text would feed the model characters it has no embedding for: name them. */
    static void requireSameText(CharLmCheckpoint.Loaded c, Corpus corpus, Path data) {
        List<Integer> unknown = c.vocabulary().unknownCodePoints(corpus.text());
        String given = data == null ? "the text '" + corpus.name() + "'" : "--data " + data;
        if (!unknown.isEmpty()) {
            throw new UserError(given + " has " + unknown.size() + " character" + (unknown.size() == 1 ? "" : "s")
                    + " the checkpoint's vocabulary lacks: " + Vocabulary.describe(unknown) + "; --resume needs the "
                    + "text the run was trained on ('" + c.dataName()
                    + "'), or train on this text as a new run (without --resume)");
        }
        if (c.text() == null && !corpus.name().equals(c.dataName())) {
            throw new UserError("checkpoint was trained on '" + c.dataName() + "' but " + given
                    + " is '" + corpus.name() + "': resume with the same --data");
        }
    }
}
