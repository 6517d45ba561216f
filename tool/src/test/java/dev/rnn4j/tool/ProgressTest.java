package dev.rnn4j.tool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Plain lines (stderr not a terminal, as in tests and CI, where the launcher sets no RNN4J_TTY). */
class ProgressTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        assumeTrue(System.getenv("RNN4J_TTY") == null, "a terminal shows a bar instead of plain lines");
        stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        if (stderr != null) System.setErr(stderr);
    }

    private String err() { return captured.toString(StandardCharsets.UTF_8); }

    @Test
    void aPlainProgressPrintsItsFirstUpdateAtOnceThenAtMostEveryFewSeconds() {
        try (Progress p = Progress.start("train")) {
            p.update(0.25, "step 1");
            p.update(0.5, "step 2");
        }
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains(" 25.0% step 1"), err());
    }

    @Test
    void aQuietProgressPrintsNothingForWorkThatEndsWithinItsFirstInterval() {
        try (Progress p = Progress.startQuiet("eval")) {
            p.update(0.5, "1k chars/s");
            p.update(1.0, "2k chars/s");
            p.println("kept: a line the command wants shown");
        }
        assertEquals("kept: a line the command wants shown", err().strip());
    }
}
