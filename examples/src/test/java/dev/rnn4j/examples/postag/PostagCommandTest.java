package dev.rnn4j.examples.postag;

import dev.rnn4j.examples.ExamplesCli;
import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The postag example end to end on a small subset of UD English ATIS, and its error for a bad CoNLL-U line. */
class PostagCommandTest {
    @Test
    void trainsOnASubsetAndWritesModelAndMetrics(@TempDir Path tmp) throws Exception {
        CommandRun r = ExamplesCli.run("example", "postag", "--treebank", "en_atis", "--max-train", "200",
                "--max-eval", "80", "--epochs", "6", "--word-dim", "24", "--char-dim", "12", "--char-hidden", "12",
                "--hidden", "32", "--lr", "0.01", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tag    precision  recall"), r.out());
        assertTrue(r.out().contains("test UPOS accuracy"), r.out());
        Map<String, Object> m = Json.parseObject(Files.readString(tmp.resolve("metrics.json")));
        double acc = Json.getDouble(m, "test_accuracy");
        // A majority-tag guess scores about 0.2 on ATIS; 6 short epochs on 200 sentences tag about 3 tokens in 4.
        assertTrue(acc > 0.7, "test accuracy " + acc);
        assertTrue(((Map<?, ?>) m.get("per_tag")).containsKey("NOUN"));
        SafeTensorsFile model = SafeTensors.read(tmp.resolve("model.safetensors"));
        assertTrue(model.has("char_lstm.weight_hh_l0_reverse"), model.names().toString());
        assertTrue(model.has("lstm.weight_ih_l0"));
        assertTrue(model.metadata().get("tags").contains("NOUN"));
    }

    @Test
    void aBadConlluLineIsOneClearError(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.conllu");
        Files.writeString(bad, "# text = a b\n1\ta\t_\tDET\t_\t_\t2\tdet\t_\t_\n2\tb\t_\tNOUN\t_\t_\n\n");
        CommandRun r = ExamplesCli.run("example", "postag", "--train", bad.toString(), "--treebank", "en_atis");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":3: expected 10 tab-separated columns"), r.err());
        assertTrue(r.err().contains("found 6"), r.err());
    }
}
