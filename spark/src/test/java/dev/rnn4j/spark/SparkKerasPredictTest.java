package dev.rnn4j.spark;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code rnn4j spark keras-predict} on local[2] against the same Keras file's predict on one machine. */
class SparkKerasPredictTest {
    static final List<String> VOCABULARY = List.of("", "[UNK]", "the", "king", "speak", "citizen", "hear", "me",
            "all", "rather", "die", "than", "famish", "resolved");
    static final Pattern ROW = Pattern.compile("\"line\":(\\d+).*\"prediction\":\\[([^]]*)]");

    @TempDir
    Path dir;

    @Test
    void predictionsOfTextLinesEqualPredictOnOneMachine() throws IOException {
        Path model = dir.resolve("sentiment.keras");
        KerasModels.save(Sequential.of(new Embedding(VOCABULARY.size(), 8), new LSTM(8),
                new Dense(1, Activation.SIGMOID)).seed(4).build(10), model);
        Path vocab = Files.write(dir.resolve("vocab.txt"), VOCABULARY);
        List<String> texts = List.of(TestCorpus.text(3_000, 21).split("\n"));
        Path data = Files.write(dir.resolve("reviews.txt"), texts);
        Path out = dir.resolve("predictions");
        CommandRun r = CommandRun.run(new SparkMain(), "keras-predict", model.toString(), "--data", data.toString(),
                "--vocab", vocab.toString(), "--out", out.toString(), "--batch-size", "16", "--master", "local[2]",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.default.parallelism=3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(texts.size() + " texts predicted"), r.out());

        Map<Integer, Float> spark = new TreeMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    Matcher m = ROW.matcher(line);
                    assertTrue(m.find(), line);
                    spark.put(Integer.parseInt(m.group(1)), Float.parseFloat(m.group(2)));
                }
            }
        }
        assertEquals(texts.size(), spark.size(), "one row per text");
        Sequential here = KerasModels.load(model);
        TextTokens tokens = TextTokens.of(VOCABULARY, false, 10);
        float[] x = new float[texts.size() * 10];
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = tokens.encode(texts.get(i));
            for (int j = 0; j < 10; j++) x[i * 10 + j] = ids[j];
        }
        Tensor y = here.predict(new Tensor(x, texts.size(), 10));
        double max = 0;
        for (int i = 0; i < texts.size(); i++) max = Math.max(max, Math.abs(y.data()[i] - spark.get(i)));
        System.out.printf("keras-predict on local[2]: %d texts, max |difference| %.1e%n", texts.size(), max);
        assertEquals(0, max, 1e-6, "the same predictions");
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float p : spark.values()) {
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        assertTrue(hi > lo, "texts get different predictions: " + lo + ".." + hi);
    }

    @Test
    void aStatefulModelIsRefusedBeforeTheClusterStarts() throws IOException {
        Path model = dir.resolve("stateful.keras");
        KerasModels.save(Sequential.of(new Embedding(VOCABULARY.size(), 8), new LSTM(8).stateful(true),
                new Dense(1, Activation.SIGMOID)).seed(4).build(10), model);
        Path vocab = Files.write(dir.resolve("vocab.txt"), VOCABULARY);
        Path data = Files.write(dir.resolve("reviews.txt"), List.of("the king", "hear me"));
        CommandRun r = CommandRun.run(new SparkMain(), "keras-predict", model.toString(), "--data", data.toString(),
                "--vocab", vocab.toString(), "--out", dir.resolve("out").toString(), "--master", "local[2]");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("has a stateful recurrent layer") && r.err().contains("stateful=False"), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void wordsAreTokenizedAsTextVectorizationDoes() {
        TextTokens tokens = TextTokens.of(VOCABULARY, false, 6);
        assertArrayEquals(new int[] {2, 3, 1, 4, 0, 0}, tokens.encode("  The King, SPEAKS? speak!"));
        assertArrayEquals(new int[] {1, 0, 0, 0, 0, 0}, tokens.encode("the-king"), "punctuation joins words");
        TextTokens noUnknown = TextTokens.of(List.of("", "a", "b"), true, 4);
        assertArrayEquals(new int[] {1, 2, 1, 0}, noUnknown.encode("A.b c A"));
    }

    @Test
    void jsonLinesWithAColumnKeepTheirFields() throws IOException {
        Path model = dir.resolve("m.keras");
        KerasModels.save(Sequential.of(new Embedding(VOCABULARY.size(), 4), new LSTM(4),
                new Dense(2, Activation.SOFTMAX)).seed(2).build(5), model);
        Path vocab = Files.write(dir.resolve("vocab.txt"), VOCABULARY);
        Path data = Files.write(dir.resolve("reviews.jsonl"), List.of("{\"id\":7,\"review\":\"the king\"}",
                "{\"id\":9,\"review\":\"all citizen die\"}"));
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.run(new SparkMain(), "keras-predict", model.toString(), "--data", data.toString(),
                "--column", "review", "--vocab", vocab.toString(), "--out", out.toString(), "--master", "local[2]",
                "--conf", "spark.ui.enabled=false");
        assertEquals(0, r.code(), r.err());
        String all;
        try (Stream<Path> parts = Files.list(out)) {
            all = String.join("\n", parts.filter(p -> p.toString().endsWith(".json")).flatMap(SparkCommandsTest::lines)
                    .toList());
        }
        assertTrue(all.contains("\"id\":7,\"review\":\"the king\",\"prediction\":["), all);
        assertTrue(all.contains("\"id\":9,"), all);
    }
}
