package dev.rnn4j.examples.translate;

import dev.rnn4j.examples.ExamplesCli;
import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The translate example end to end on a slice of Tatoeba English–Korean, and its error for a broken row. */
class TranslateCommandTest {
    @Test
    void runsOnASliceAndPrintsAttributions(@TempDir Path tmp) throws Exception {
        CommandRun r = ExamplesCli.run("example", "translate", "--pair", "eng-kor", "--max-pairs", "300",
                "--epochs", "1", "--embed", "16", "--hidden", "16", "--beam", "2", "--samples", "2", "--cell", "gru",
                "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CC-BY 2.0 (France) Attribution: tatoeba.org #"), r.out());
        assertTrue(r.out().contains("greedy BLEU"), r.out());
        Map<String, Object> m = Json.parseObject(Files.readString(tmp.resolve("metrics.json")));
        for (String k : new String[] {"test_bleu_greedy", "test_bleu_beam", "test_exact_match_greedy"}) {
            assertTrue(m.containsKey(k), k);
        }
        assertTrue(SafeTensors.read(tmp.resolve("model.safetensors")).has("attention.score.weight"));
    }

    @Test
    void theKerasModelLearnsToReverseAndSavesAKerasFile(@TempDir Path tmp) throws Exception {
        CommandRun r = ExamplesCli.run("example", "translate", "--model", "keras", "--task", "reverse",
                "--max-length", "5", "--train-size", "3000", "--epochs", "30", "--embed", "16", "--hidden", "48",
                "--samples", "1", "--beam", "2", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Object> m = Json.parseObject(Files.readString(tmp.resolve("metrics.json")));
        assertEquals("keras", m.get("model"));
        assertTrue((double) m.get("test_exact_match_greedy") > 0.9, r.out());
        var model = dev.rnn4j.keras.io.KerasModels.loadModel(tmp.resolve("model.keras"));
        assertInstanceOf(dev.rnn4j.keras.EncoderDecoder.class, model);
        assertTrue((double) m.get("test_exact_match_beam") > 0.9, r.out());
    }

    @Test
    void aBrokenRowIsOneClearError(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("pairs.txt");
        Files.writeString(bad,
                "Go.\tVa !\tCC-BY 2.0 (France) Attribution: x\nHi. Salut !\tCC-BY 2.0 (France) Attribution: y\n");
        CommandRun r = ExamplesCli.run("example", "translate", "--data", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad
                + ":2: expected 3 tab-separated fields (English, translation, attribution), found 2"), r.err());
    }
}
