package dev.rnn4j.cli;

import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.io.Json;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.rnn4j.cli.BadInputTest.copyRun;
import static dev.rnn4j.cli.BadInputTest.oneLineError;
import static dev.rnn4j.cli.BadInputTest.tiny;
import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code eval --split}: the part of the text a run trained on or held out, scored as the run scored it. */
class EvalSplitTest {
    /** Both losses are printed to 6 decimals; the same computation on the same weights may differ by the last one. */
    static final double PRINTED = 2e-6;

    @TempDir
    static Path shared;
    static Path romeo;
    static Path run;

    @BeforeAll
    static void trainOnce() throws Exception {
        romeo = Files.writeString(shared.resolve("romeo.txt"), CliTest.TEXT);
        run = shared.resolve("run");
        CommandRun r = run(tiny("train", "--data", romeo.toString(), "--max-steps", "20", "--eval-every", "10",
                "--val-frac", "0.1", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());
    }

    /** The last validation loss in the run's metrics.jsonl (that of its latest checkpoint). */
    static double loggedValidationLoss(Path run) throws IOException {
        String last = Files.readAllLines(run.resolve(MetricsLog.FILE)).stream()
                .filter(l -> l.contains("\"type\":\"validation\"")).reduce((a, b) -> b).orElseThrow();
        return Json.getDouble(Json.parseObject(last), "val_loss");
    }

    /** Runs {@code eval --json} with the tiny run's batch shape and returns its JSON object. */
    static Map<String, Object> evalJson(Path checkpoint, String... more) {
        String[] base = {"eval", "--checkpoint", checkpoint.toString(), "--data", romeo.toString(), "--batch-size", "4",
                "--seq-length", "16", "--json"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        CommandRun r = run(args);
        assertEquals(0, r.code(), r.err());
        return Json.parseObject(r.out().strip());
    }

    @Test
    void validationSplitGivesTheLossTheRunLogged() throws IOException {
        Map<String, Object> val = evalJson(run, "--split", "validation");
        assertEquals(loggedValidationLoss(run), Json.getDouble(val, "loss"), PRINTED);
        assertEquals("validation", Json.getString(val, "split"));
        assertEquals(0.1, Json.getDouble(val, "val_frac"));

        int n = CliTest.TEXT.codePointCount(0, CliTest.TEXT.length());
        assertEquals(Math.round(n * 0.1), Json.getLong(val, "characters"), "the last 10% of the text");
        Map<String, Object> train = evalJson(run, "--split", "train");
        assertEquals(n - Math.round(n * 0.1), Json.getLong(train, "characters"), "the rest");
        Map<String, Object> all = evalJson(run);
        assertEquals("all", Json.getString(all, "split"));
        assertEquals(n, Json.getLong(all, "characters"), "the default is the whole text, as before");

        CommandRun text =
                run("eval", "--checkpoint", run.toString(), "--data", romeo.toString(), "--split", "validation");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("romeo, validation part (the last 10% of the text): 298 characters, "
                + "256 next-character predictions scored"), text.out());
    }

    /** Checkpoints written before the model file kept the training config have it in training.safetensors only. */
    @Test
    void olderCheckpointsAndWeightsOnlyOnes(@TempDir Path tmp) throws IOException {
        Path copy = copyRun(run, tmp.resolve("copy"));
        Path latest = copy.resolve("latest");
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(latest);
        assertNotNull(c.trainConfig(), "new checkpoints keep it in model.safetensors");
        CharLmCheckpoint.writeModel(latest.resolve(CharLmCheckpoint.MODEL_FILE), c.model(), c.vocabulary(),
                c.dataName());
        assertNull(CharLmCheckpoint.loadModel(latest).trainConfig());
        double logged = loggedValidationLoss(run);
        assertEquals(logged, Json.getDouble(evalJson(copy, "--split", "validation"), "loss"), PRINTED);

        Files.delete(latest.resolve(CharLmCheckpoint.TRAINING_FILE));
        oneLineError(run("eval", "--checkpoint", copy.toString(), "--data", romeo.toString(), "--split", "validation"),
                "--split validation needs the fraction of the text the run held out", "pass --val-frac F");
        assertEquals(logged, Json.getDouble(evalJson(copy, "--split", "validation", "--val-frac", "0.1"), "loss"),
                PRINTED);
        CommandRun sample = run("sample", "--checkpoint", copy.toString(), "--length", "20");
        assertEquals(0, sample.code(), "sampling needs only model.safetensors: " + sample.err());
    }

    @Test
    void badSplitFlagsGetOneLine() {
        oneLineError(run("eval", "--checkpoint", run.toString(), "--data", romeo.toString(), "--split", "test"),
                "unknown --split 'test': use all, train, validation");
        oneLineError(run("eval", "--checkpoint", run.toString(), "--data", romeo.toString(), "--val-frac", "0.1"),
                "--val-frac says where --split train or validation cuts the text", "add --split validation");
        oneLineError(run("eval", "--checkpoint", run.toString(), "--data", romeo.toString(), "--split", "train",
                "--val-frac", "0.7"),
                "--val-frac must be in (0, 0.5), got 0.7");
    }
}
