package dev.rnn4j.examples.basics;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the basics example once and checks what the tutorials show: the shapes, the learned strings, the counts. */
class BasicsCommandTest {
    @Test
    void learnsWhatTheTutorialsLearnAndPrintsTheirShapesAndSummaries() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BasicsCommand.Learned learned = BasicsCommand.runAll(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.contains("output [1, 5, 2]"), out);
        assertTrue(out.contains("h_n [1, 1, 2]"), out);
        assertTrue(out.contains("input [3, 5, 4] -> output [3, 5, 2]"), out);

        assertEquals("ihello", learned.hihello().prediction());
        assertTrue(learned.hihello().loss() < 0.6, "hihello loss " + learned.hihello().loss());
        assertEquals("if you want you", learned.charseq().prediction());
        // longseq: every window's next characters, joined; the first character has no context to learn from.
        String target = BasicsCommand.LONG_SENTENCE.substring(1);
        String got = learned.longseq().prediction();
        assertEquals(target.length(), got.length());
        int same = 0;
        for (int i = 0; i < got.length(); i++) if (got.charAt(i) == target.charAt(i)) same++;
        assertTrue(same >= 0.9 * target.length(), "longseq matched " + same + " of " + target.length() + ": " + got);
        assertTrue(learned.longseq().loss() < 0.5, "longseq loss " + learned.longseq().loss());

        assertTrue(out.contains("final_output_sequences shape (100, 64)"), out);
        assertTrue(out.contains("simple_rnn (SimpleRNN)      (None, 32)                2,080"), out);
        assertTrue(out.contains("simple_rnn (SimpleRNN)      (None, None, 32)          2,080"), out);
        assertTrue(out.contains("Total params: 322,113"), out);
    }
}
