package dev.rnn4j.examples.sentiment;

import dev.rnn4j.examples.common.ExampleData;
import dev.rnn4j.examples.ExamplesCli;
import dev.rnn4j.examples.common.ReviewFile;
import dev.rnn4j.examples.common.SentimentClassifier;
import dev.rnn4j.io.Json;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The sentiment example on a small slice of NSMC, its saved model, and its errors on malformed files. */
class SentimentCommandTest {
    @Test
    void learnsOnASubsetAndTheSavedModelGivesTheSameAccuracy(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CommandRun r = ExamplesCli.run("example", "sentiment", "--train-limit", "1500", "--test-limit", "400",
                "--epochs", "2", "--embed", "16", "--hidden", "16", "--validation", "200", "--lr", "5e-3", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bidirectional (Bidirectiona"), r.out());
        assertTrue(r.out().contains("global_max_pooling1d"), r.out());
        Map<String, Object> m = Json.parseObject(Files.readString(out.resolve("metrics.json")));
        double accuracy = Json.getDouble(m, "test_accuracy");
        assertTrue(accuracy > 0.65, "a small BiGRU on 1,300 reviews should beat chance clearly, got " + accuracy);
        assertEquals(400, Json.getLong(m, "test_reviews"));
        assertEquals(0, Json.getLong(m, "skipped_empty_train"));
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));

        // Save -> load is the identity: the loaded model reproduces the reported test accuracy.
        ReviewFile.Reviews test = ReviewFile.read(ExampleData.file("nsmc/nsmc_derived_test.txt.gz"), 400);
        List<String> texts = new ArrayList<>();
        for (ReviewFile.Review rv : test.reviews()) texts.add(rv.text());
        float[] p = SentimentClassifier.load(out).positiveProbabilities(texts);
        int correct = 0;
        for (int i = 0; i < p.length; i++) if ((p[i] > 0.5f) == (test.reviews().get(i).label() == 1)) correct++;
        assertEquals(accuracy, correct / 400.0, 1e-9);
    }

    @Test
    void kerasImdbModelIsTheKerasModelAndSeed003StillNamesIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("seed003");
        CommandRun r = ExamplesCli.run("example", "sentiment", "--model", "seed003", "--train-limit", "1500",
                "--test-limit", "400", "--epochs", "2", "--validation", "200", "--lr", "5e-3", "--recurrent-dropout",
                "0.2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("embedding (Embedding)       (None, None, 32)          320,000"), r.out());
        assertTrue(r.out().contains("simple_rnn (SimpleRNN)      (None, 32)                2,080"), r.out());
        assertTrue(r.out().contains("Total params: 322,113"), r.out());
        Map<String, Object> m = Json.parseObject(Files.readString(out.resolve("metrics.json")));
        assertEquals("keras-imdb", Json.getString(m, "model"));
        assertTrue(Json.getDouble(m, "test_accuracy") > 0.55,
                "keras-imdb accuracy " + Json.getDouble(m, "test_accuracy"));
        // the setting is kept with the model; a model.json from before it loads as without
        Path json = out.resolve("model.json");
        Map<String, Object> saved = Json.parseObject(Files.readString(json));
        assertEquals(0.2, Json.getDouble(saved, "recurrent_dropout"));
        float[] p = SentimentClassifier.load(out).positiveProbabilities(List.of("최고의 영화", "시간 아깝다"));
        saved.remove("recurrent_dropout");
        Files.writeString(json, Json.write(saved));
        assertArrayEquals(p, SentimentClassifier.load(out).positiveProbabilities(List.of("최고의 영화", "시간 아깝다")));
    }

    @Test
    void malformedRowsNameTheFileLineAndWhatWasExpected(@TempDir Path tmp) throws Exception {
        String header = "id\tdocument\tlabel\n";
        assertBad(tmp, header + "1\tgood\t1\n2\tbad movie\t2\n", ":3: expected label 0 or 1 in column 3, found \"2\"");
        assertBad(tmp, header + "1\tgood\t1\n2\tno label\n",
                ":3: expected 3 tab-separated columns (id, document, label), found 2");
        assertBad(tmp, header + "x1\tgood\t1\n", ":2: expected a numeric review id in column 1, found \"x1\"");
        assertBad(tmp, "document\tlabel\n", ":1: expected the header \"id<TAB>document<TAB>label\"");
    }

    @Test
    void emptyReviewsAreSkippedAndCounted(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("few.tsv");
        Files.writeString(f, "id\tdocument\tlabel\n1\t최고\t1\n2\t\t0\n3\t 별로\t0\n4\t \t1\n");
        ReviewFile.Reviews r = ReviewFile.read(f, 0);
        assertEquals(2, r.reviews().size());
        assertEquals(2, r.skippedEmpty());
        assertEquals("별로", r.reviews().get(1).text());
    }

    private static void assertBad(Path tmp, String content, String expected) throws Exception {
        Path f = tmp.resolve("bad.tsv");
        Files.writeString(f, content);
        CommandRun r = ExamplesCli.run("example", "sentiment", "--train", f.toString(), "--test", f.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(f + expected), r.err());
    }
}
