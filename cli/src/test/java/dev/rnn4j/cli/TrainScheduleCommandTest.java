package dev.rnn4j.cli;

import dev.rnn4j.io.Json;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.rnn4j.cli.BadInputTest.oneLineError;
import static dev.rnn4j.cli.BadInputTest.tiny;
import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code train --lr-schedule --min-lr --warmup --weight-decay} through the real command line. */
class TrainScheduleCommandTest {
    /** The {@code lr} of every step line of a run's metrics, in order. */
    private static List<Double> stepLrs(Path run) {
        try {
            return Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(Json::parseObject)
                    .filter(m -> m.get("type").equals("step")).map(m -> Json.getDouble(m, "lr")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void cosineOverTheEpochsWithWarmupFollowsItsClosedFormAndResumesOnTheSameCurve(
            @TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), CliTest.TEXT);
        Path out = tmp.resolve("run");
        CommandRun r = run(tiny("train", "--data", data.toString(), "--out", out.toString(), "--max-epochs", "2",
                "--eval-every", "0", "--lr", "0.01", "--lr-schedule", "cosine", "--min-lr", "1e-4", "--warmup", "5"));
        assertEquals(0, r.code(), r.err());
        List<Double> lrs = stepLrs(out);
        int total = lrs.size();   // two epochs' batches: the cosine's length
        assertTrue(total > 20, "steps: " + total);
        assertTrue(r.out().contains("adam lr 0.01, cosine to 0.0001 over " + total + " steps, 5 warm-up steps, "
                + "weights averaged (EMA 0.99), batch"), r.out());
        for (int t = 0; t < total; t++) {
            double cosine = 1e-4 + (0.01 - 1e-4) * (1 + Math.cos(Math.PI * t / total)) / 2;
            assertEquals(cosine * Math.min(1.0, (t + 1) / 5.0), lrs.get(t), 1e-15, "lr at step " + t);
        }
        TrainConfig saved = CharLmCheckpoint.load(out).trainConfig();
        assertEquals(new TrainConfig.Schedule("cosine", 1e-4, 5, total), saved.schedule());

        oneLineError(run(tiny("train", "--data", data.toString(), "--resume", out.toString(), "--max-epochs", "3",
                "--warmup", "9", "--lr-schedule", "step")), "--lr-schedule is step where the run has cosine",
                "--warmup is 9 where the run has 5");
        CommandRun more = run(tiny("train", "--data", data.toString(), "--resume", out.toString(), "--max-epochs", "3",
                "--lr-schedule", "cosine", "--min-lr", "1e-4"));
        assertEquals(0, more.code(), more.err());
        List<Double> after = stepLrs(out);
        assertEquals(total + total / 2, after.size(), "a third epoch");
        // The curve was fixed when the run started: past its end the cosine stays at --min-lr.
        assertTrue(after.subList(total, after.size()).stream().allMatch(lr -> lr == 1e-4),
                after.subList(total, after.size()).toString());
    }

    @Test
    void theDefaultPerEpochDecayScalesTheStepScheduleButNotACosineUnlessGiven(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), CliTest.TEXT);
        Path step = tmp.resolve("step");
        CommandRun r = run(tiny("train", "--data", data.toString(), "--out", step.toString(), "--max-epochs", "4",
                "--eval-every", "0", "--lr", "0.01"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("adam lr 0.01, x0.9 per epoch from epoch 2"), r.out());
        List<Double> lrs = stepLrs(step);
        int perEpoch = lrs.size() / 4;
        double[] factor = {1, 1, 0.9, 0.9 * 0.9};   // epochs 0 and 1 at --lr, then x0.9 each epoch
        for (int t = 0; t < lrs.size(); t++) {
            assertEquals(0.01 * factor[t / perEpoch], lrs.get(t), 1e-15, "lr at step " + t);
        }
        assertEquals(0.9, CharLmCheckpoint.load(step).trainConfig().lrDecay());

        Path cosine = tmp.resolve("cosine");
        assertEquals(0, run(tiny("train", "--data", data.toString(), "--out", cosine.toString(), "--max-epochs", "4",
                "--eval-every", "0", "--lr-schedule", "cosine")).code());
        assertEquals(1.0, CharLmCheckpoint.load(cosine).trainConfig().lrDecay(), "a cosine anneals on its own");
        Path both = tmp.resolve("both");
        assertEquals(0, run(tiny("train", "--data", data.toString(), "--out", both.toString(), "--max-epochs", "4",
                "--eval-every", "0", "--lr-schedule", "cosine", "--lr-decay", "0.5")).code());
        assertEquals(0.5, CharLmCheckpoint.load(both).trainConfig().lrDecay(), "given, it applies");
    }

    @Test
    void cosineNeedsTheRunsLength(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), CliTest.TEXT);
        Path out = tmp.resolve("run");
        oneLineError(run(tiny("train", "--data", data.toString(), "--out", out.toString(), "--lr-schedule", "cosine",
                "--time-limit", "0")), "--lr-schedule cosine", "set --max-epochs, --max-steps or a --time-limit");
        oneLineError(run(tiny("train", "--data", data.toString(), "--out", out.toString(), "--max-steps", "5",
                "--min-lr", "1e-5")), "--min-lr is where --lr-schedule cosine ends");
        assertFalse(Files.exists(out), "nothing is created for a run that cannot start");
    }

    @Test
    void cosineOverTheTimeLimitEndsWithItAndAResumeGoesOnAtTheMinimum(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), CliTest.TEXT);
        Path out = tmp.resolve("run");
        CommandRun r = run(tiny("train", "--data", data.toString(), "--out", out.toString(), "--lr-schedule", "cosine",
                "--time-limit", "3s", "--eval-every", "50", "--lr", "0.01"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("adam lr 0.01, cosine to 0 over 3s of training, weights averaged"), r.out());
        assertTrue(r.out().contains("stopped (time limit)"), r.out());
        List<Double> lrs = stepLrs(out);
        assertTrue(lrs.size() > 10, "steps: " + lrs.size());
        assertTrue(lrs.getFirst() > 0.009, "starts at --lr: " + lrs.getFirst());
        for (int t = 1; t < lrs.size(); t++) assertTrue(lrs.get(t) <= lrs.get(t - 1), "falls, step " + t + ": " + lrs);
        // The last step starts less than one step's time before the limit: the cosine is all but at its end.
        assertTrue(lrs.getLast() < 0.01 * 0.05, "ends near 0: " + lrs.getLast());
        TrainConfig saved = CharLmCheckpoint.load(out).trainConfig();
        double savedSeconds = CharLmCheckpoint.load(out).snapshot().elapsedSeconds();
        assertEquals(new TrainConfig.Schedule("cosine", 0, 0, 0, 3.0), saved.schedule());
        assertTrue(saved.schedule().isTimed());

        oneLineError(run(tiny("train", "--data", data.toString(), "--resume", out.toString())),
                "the run is done: its cosine over 3s of training has ended", "pass a limit (e.g. --time-limit");
        CommandRun more = run(tiny("train", "--data", data.toString(), "--resume", out.toString(),
                "--max-steps", String.valueOf(lrs.size() + 5)));
        assertEquals(0, more.code(), more.err());
        List<Double> after = stepLrs(out);
        assertEquals(lrs.size() + 5, after.size());
        // Past its end the cosine is at --min-lr (0). When a validation falls on the last step, the limit can pass
        // while its checkpoint is written: that checkpoint's training time is then a hair short of 3 s, and the first
        // resumed steps see the cosine's last sliver (0.16 ms short gave 7.4e-11) before it reaches --min-lr.
        List<Double> resumed = after.subList(lrs.size(), after.size());
        for (int t = 0; t < resumed.size(); t++) {
            assertTrue(resumed.get(t) < 0.01 * 1e-3, "at the end of the cosine: " + resumed);
            if (t > 0) assertTrue(resumed.get(t) <= resumed.get(t - 1), "never rises again: " + resumed);
        }
        if (savedSeconds >= 3.0) {
            assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), resumed, "past its end: --min-lr");
        }
    }

    @Test
    void weightDecayReachesTheRunAndItsCheckpoint(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("romeo.txt"), CliTest.TEXT);
        Path decayed = tmp.resolve("decayed"), plain = tmp.resolve("plain");
        CommandRun a = run(tiny("train", "--data", data.toString(), "--out", decayed.toString(), "--max-steps", "8",
                "--optimizer", "adamw", "--weight-decay", "0.05"));
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("adamw lr 0.006, x0.9 per epoch from epoch 2, weight decay 0.05, weights averaged "
                + "(EMA 0.99), batch"), a.out());
        CommandRun b = run(tiny("train", "--data", data.toString(), "--out", plain.toString(), "--max-steps", "8",
                "--optimizer", "adamw"));
        assertEquals(0, b.code(), b.err());
        assertEquals(0.05, CharLmCheckpoint.load(decayed).trainConfig().weightDecay());
        assertEquals(0.01, CharLmCheckpoint.load(plain).trainConfig().weightDecay(), "AdamW's default, as PyTorch's");
        List<Parameter> p = CharLmCheckpoint.load(plain).model().parameters(),
                d = CharLmCheckpoint.load(decayed).model().parameters();
        boolean same = true;
        for (int i = 0; i < p.size(); i++) same &= Arrays.equals(p.get(i).value().data(), d.get(i).value().data());
        assertFalse(same, "the same seed and data with another weight decay trains other weights");

        oneLineError(run(tiny("train", "--data", data.toString(), "--resume", decayed.toString(), "--max-steps", "10",
                "--weight-decay", "0.1")), "--weight-decay is 0.1 where the run has 0.05");
        CommandRun resumed = run(tiny("train", "--data", data.toString(), "--resume", decayed.toString(),
                "--max-steps", "10", "--weight-decay", "0.05", "--optimizer", "adamw"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 8"), resumed.out());
    }
}
