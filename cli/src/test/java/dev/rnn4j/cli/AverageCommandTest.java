package dev.rnn4j.cli;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.rnn4j.cli.BadInputTest.copyRun;
import static dev.rnn4j.cli.BadInputTest.oneLineError;
import static dev.rnn4j.cli.BadInputTest.tiny;
import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./rnn4j average}: the elementwise mean of checkpoints of one model, as a checkpoint sample and eval accept.
 */
class AverageCommandTest {
    @TempDir
    static Path shared;
    static Path romeo;
    static Path a;   // a tiny run stopped at step 20
    static Path b;   // the same model trained on to step 40

    @BeforeAll
    static void trainTwo() throws Exception {
        romeo = Files.writeString(shared.resolve("romeo.txt"), CliTest.TEXT);
        a = shared.resolve("a");
        b = shared.resolve("b");
        for (Object[] r : new Object[][] {{a, "20"}, {b, "40"}}) {
            CommandRun t = run(tiny("train", "--data", romeo.toString(), "--max-steps", (String) r[1],
                    "--eval-every", "10", "--out", r[0].toString()));
            assertEquals(0, t.code(), t.err());
        }
    }

    static SafeTensorsFile model(Path checkpoint) {
        return SafeTensors.read(CharLmCheckpoint.loadModel(checkpoint).dir().resolve(CharLmCheckpoint.MODEL_FILE));
    }

    @Test
    void theAverageOfTwoIsTheirElementwiseMean(@TempDir Path tmp) {
        Path out = tmp.resolve("avg");
        CommandRun r = run("average", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("averaged 2 checkpoints (" + a.resolve("latest") + " = step 20, " + b.resolve("latest")
                + " = step 40) into " + out + "\nnext: ./rnn4j eval --checkpoint " + out
                + " --split validation --data FILE\n", r.out());

        SafeTensorsFile fa = model(a), fb = model(b), avg = model(out);
        assertEquals(fb.names(), avg.names(), "the same tensors in the same order");
        for (String name : avg.names()) {
            float[] x = fa.tensor(name).data(), y = fb.tensor(name).data(), m = avg.tensor(name).data();
            assertArrayEquals(fb.shape(name), avg.shape(name), name);
            for (int i = 0; i < m.length; i++) {
                assertEquals((float) (((double) x[i] + y[i]) / 2), m[i], 0f, name + "[" + i + "]");
            }
        }
        for (String key : new String[] {"format", "config", "vocabulary", "data", "train_config"}) {
            assertEquals(fb.metadata().get(key), avg.metadata().get(key), "metadata " + key + " of the last input");
        }
        assertFalse(Files.exists(out.resolve(CharLmCheckpoint.TRAINING_FILE)),
                "weights only: no optimizer or training state");
    }

    @Test
    void aCheckpointAveragedWithItselfIsItself(@TempDir Path tmp) {
        Path out = tmp.resolve("self");
        CommandRun r = run("average", a.toString(), a.resolve("latest").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        SafeTensorsFile original = model(a), self = model(out);
        for (String name : original.names()) assertArrayEquals(original.rawBytes(name), self.rawBytes(name), name);
    }

    @Test
    void anotherModelIsNamedWithWhatDiffers(@TempDir Path tmp) {
        Path narrow = tmp.resolve("narrow");
        CommandRun t = run("train", "--data", romeo.toString(), "--max-steps", "2", "--hidden", "8", "--layers", "1",
                "--batch-size", "4", "--seq-length", "16", "--out", narrow.toString());
        assertEquals(0, t.code(), t.err());
        Path out = tmp.resolve("avg");
        oneLineError(run("average", a.toString(), b.toString(), narrow.toString(), "--out", out.toString()),
                narrow.resolve("latest") + " is not the same model as " + a.resolve("latest"), "hidden size 8 where",
                "has 16");
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void trainKeepAllKeepsEveryCheckpointForAverage(@TempDir Path tmp) throws IOException {
        Path kept = tmp.resolve("kept"), pruned = tmp.resolve("pruned");
        for (Path out : new Path[] {kept, pruned}) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data", romeo.toString(),
                    "--max-steps", "30", "--eval-every", "10", "--out", out.toString()));
            if (out == kept) args.add("--keep-all");
            CommandRun t = run(tiny(args.toArray(String[]::new)));
            assertEquals(0, t.code(), t.err());
        }
        assertEquals(List.of("step-000000010", "step-000000020", "step-000000030"), stepDirs(kept));
        assertTrue(stepDirs(pruned).size() <= 2, "latest and best only: " + stepDirs(pruned));
        CommandRun r =
                run("average", "--run", kept.toString(), "--from-step", "20", "--out", tmp.resolve("avg").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("averaged 2 checkpoints of " + kept + " (steps 20, 30)"), r.out());
    }

    private static List<String> stepDirs(Path run) throws IOException {
        try (var entries = Files.list(run)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-")).sorted().toList();
        }
    }

    /** A run directory with step directories kept aside by hand, besides the ones training keeps. */
    @Test
    void runFromStepTakesThatStepAndLaterInOrder(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        copyRun(CharLmCheckpoint.loadModel(a).dir().toRealPath(), run.resolve("step-000000020"));
        copyRun(CharLmCheckpoint.loadModel(b).dir().toRealPath(), run.resolve("step-000000040"));
        Path older = copyRun(CharLmCheckpoint.loadModel(earlyCheckpoint(tmp)).dir().toRealPath(),
                run.resolve("step-000000005"));
        assertTrue(Files.isRegularFile(older.resolve(CharLmCheckpoint.MODEL_FILE)));
        Files.createDirectories(run.resolve(".step-000000050.tmp-123"));   // an interrupted write
        Files.createSymbolicLink(run.resolve("latest"), Path.of("step-000000040"));

        Path out = tmp.resolve("avg");
        CommandRun r = run("average", "--run", run.toString(), "--from-step", "20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("averaged 2 checkpoints of " + run + " (steps 20, 40) into " + out), r.out());
        Path listed = tmp.resolve("listed");
        assertEquals(0, run("average", a.toString(), b.toString(), "--out", listed.toString()).code());
        SafeTensorsFile fromRun = model(out), fromList = model(listed);
        for (String name : fromList.names()) assertArrayEquals(fromList.rawBytes(name), fromRun.rawBytes(name), name);

        CommandRun all = run("average", "--run", run.toString(), "--out", tmp.resolve("all").toString());
        assertTrue(all.out().startsWith("averaged 3 checkpoints of " + run + " (steps 5, 20, 40)"),
                all.out() + all.err());

        oneLineError(run("average", "--run", run.toString(), "--from-step", "21", "--out", tmp.resolve("x").toString()),
                "average needs at least 2 checkpoints, got 1",
                "has no other at or after step 21 (it has steps 5, 20, 40)", "lower --from-step");
        oneLineError(run("average", "--run", run.toString(), "--from-step", "41", "--out", tmp.resolve("x").toString()),
                "has no checkpoint at or after step 41 (its last is step 40)");
        oneLineError(run("average", a.toString(), "--from-step", "20", "--out", tmp.resolve("x").toString()),
                "--from-step chooses among the checkpoints of a --run");
        oneLineError(run("average", a.toString(), "--out", tmp.resolve("x").toString()),
                "average needs at least 2 checkpoints, got 1");
        oneLineError(run("average", "--run", tmp.resolve("early").toString(), "--out", tmp.resolve("x").toString()),
                "got 1", "holds no other (a run keeps only its latest and best step directories");
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    /** A third checkpoint of the same model (same seed and sizes), 5 steps in. */
    private static Path earlyCheckpoint(Path tmp) {
        Path early = tmp.resolve("early");
        CommandRun t = run(tiny("train", "--data", romeo.toString(), "--max-steps", "5", "--out", early.toString()));
        assertEquals(0, t.code(), t.err());
        return early;
    }

    @Test
    void theAverageSamplesAndEvaluatesButDoesNotResume(@TempDir Path tmp) {
        Path out = tmp.resolve("avg");
        assertEquals(0, run("average", a.toString(), b.toString(), "--out", out.toString()).code());
        CommandRun sample = run("sample", "--checkpoint", out.toString(), "--length", "30", "--prime", "ROMEO:");
        assertEquals(0, sample.code(), sample.err());
        assertTrue(sample.out().startsWith("ROMEO:"), sample.out());

        CommandRun eval = run("eval", "--checkpoint", out.toString(), "--data", romeo.toString(), "--split",
                "validation", "--batch-size", "4", "--seq-length", "16", "--json");
        assertEquals(0, eval.code(), eval.err());
        var result = Json.parseObject(eval.out().strip());
        assertEquals(0.05, Json.getDouble(result, "val_frac"), "the runs' own held-out fraction, kept in the average");
        assertTrue(Double.isFinite(Json.getDouble(result, "loss")), eval.out());

        oneLineError(run(tiny("train", "--data", romeo.toString(), "--resume", out.toString(), "--max-steps", "60")),
                out + " holds weights only", "no training state to resume from", "resume the run it came from");
        oneLineError(run("average", a.toString(), b.toString(), "--out", a.toString()),
                "--out " + a + " is not empty", "choose another --out");
    }
}
