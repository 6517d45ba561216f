package dev.rnn4j.examples.generate;

import dev.rnn4j.examples.ExamplesCli;
import dev.rnn4j.io.Json;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The generation example end to end on a tiny slice: a judge, a writer, samples and their agreement. */
class GenerateCommandTest {
    @Test
    void writesJudgedReviewsAndTheirAgreement(@TempDir Path tmp) throws Exception {
        Path judge = tmp.resolve("judge"), out = tmp.resolve("gen");
        CommandRun s = ExamplesCli.run("example", "sentiment", "--train-limit", "1000", "--test-limit", "100",
                "--epochs", "1", "--embed", "8", "--hidden", "8", "--validation", "100", "--out", judge.toString());
        assertEquals(0, s.code(), s.err());
        CommandRun g = ExamplesCli.run("example", "generate", "--classifier", judge.toString(), "--train-limit", "1500",
                "--epochs", "2", "--hidden", "32", "--embed", "16", "--vocabulary", "300", "--samples", "40", "--lr",
                "1e-2", "--out", out.toString());
        assertTrue(g.out().contains("model: label -> h0 (2 x 32) only"), g.out());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("the judge agrees with the requested label on"), g.out());

        List<String> lines = Files.readAllLines(out.resolve("samples.tsv"));
        assertEquals(41, lines.size(), "a header and one line per sample");
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            assertEquals(3, cols.length, line);
            assertTrue(cols[2].codePointCount(0, cols[2].length()) <= 60, line);
        }
        Map<String, Object> m = Json.parseObject(Files.readString(out.resolve("metrics.json")));
        assertEquals(40, Json.getLong(m, "samples"));
        double agreement = Json.getDouble(m, "agreement");
        assertEquals((Json.getDouble(m, "agreement_positive") + Json.getDouble(m, "agreement_negative")) / 2,
                agreement, 1e-9);
        assertTrue(Json.getDouble(m, "final_loss") < Math.log(300),
                "training must bring the loss below uniform guessing: " + m);

        // The saved writer loads and writes the same reviews from the same seed.
        ConditionedCharModel loaded = ConditionedCharModel.load(out);
        assertEquals(loaded.generate(new int[] {1, 0}, 60, 0.7, new dev.rnn4j.tensor.Rng(5)),
                loaded.generate(new int[] {1, 0}, 60, 0.7, new dev.rnn4j.tensor.Rng(5)));
    }

    @Test
    void missingJudgeIsAClearError(@TempDir Path tmp) {
        CommandRun g = ExamplesCli.run("example", "generate", "--classifier", tmp.resolve("none").toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, g.code());
        assertTrue(g.err().contains("no sentiment classifier in")
                && g.err().contains("./rnn4j example sentiment"), g.err());
    }
}
