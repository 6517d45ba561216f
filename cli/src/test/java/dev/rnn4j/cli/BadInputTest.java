package dev.rnn4j.cli;

import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input through the real command line: each case gets exit code 2, exactly one line on stderr naming
 * what is wrong and how to fix it, no stack trace, and nothing already on disk is lost or half-written.
 */
class BadInputTest {
    @TempDir
    static Path shared;
    static Path romeo;
    static Path run;   // a finished tiny run; tests that damage a checkpoint work on copies

    @BeforeAll
    static void trainOnce() throws Exception {
        romeo = shared.resolve("romeo.txt");
        Files.writeString(romeo, CliTest.TEXT);
        run = shared.resolve("run");
        CommandRun r = run(tiny("train", "--data", romeo.toString(), "--max-steps", "20", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());
    }

    /** A model and batch small enough for the 2,980-character test text. */
    static String[] tiny(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--hidden", "16", "--layers", "1", "--batch-size", "4", "--seq-length", "16"));
        return all.toArray(String[]::new);
    }

    /**
     * Exit code 2 and one error line on stderr that contains every {@code expected} fragment (progress lines
     * of a run that started and then failed may precede it).
     */
    static String oneLineError(CommandRun r, String... expected) {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("rnn4j: ")).toList();
        assertEquals(1, errors.size(), "one error line: " + r.err());
        String err = errors.getFirst();
        for (String e : expected) assertTrue(err.contains(e), "'" + e + "' in: " + err);
        return err;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "train --hidden 0            | --hidden must be an integer >= 1, got 0",
            "train --layers 0            | --layers must be an integer >= 1, got 0",
            "train --dropout -0.1        | --dropout must be in [0, 1), got -0.1",
            "train --dropout 1           | --dropout must be in [0, 1), got 1",
            "train --seq-length 0        | --seq-length must be an integer >= 1, got 0",
            "train --batch-size -2       | --batch-size must be an integer >= 1, got -2",
            "train --lr -0.01            | --lr must be > 0, got -0.01",
            "train --grad-clip -1        | --grad-clip must be >= 0, got -1",
            "train --val-frac 0.7        | --val-frac must be in (0, 0.5), got 0.7",
            "train --optimizer adamax    | unknown --optimizer 'adamax': use adam, adamw, rmsprop, adagrad, sgd",
            "train --lr-schedule linear  | unknown --lr-schedule 'linear': use step, cosine",
            "train --min-lr -1e-5        | --min-lr must be >= 0, got -1e-5",
            "train --warmup -1           | --warmup must be an integer >= 0, got -1",
            "train --weight-decay -0.1   | --weight-decay must be >= 0, got -0.1",
            "train --hidden many         | Invalid value for option '--hidden': 'many' is not an int",
            "train --time-limit 5x       | --time-limit must be a duration such as 90s, 20m, 1h30m or 0, got '5x'",
            "train --threads 0           | --threads must be an integer >= 1, got 0",
            "train --patience -1         | --patience must be an integer >= 0, got -1",
            "train --plateau-patience -1 | --plateau-patience must be an integer >= 0, got -1",
            "train --plateau-patience 3  | --plateau-patience is for --lr-schedule plateau",
            "train --lr-schedule plateau --lr-decay 1 | --lr-decay is the factor the rate is multiplied by",
            "sample --temperature -0.5   | --temperature must be >= 0, got -0.5",
            "sample --temperature Infinity | --temperature must be >= 0, got Infinity",
            "sample --top-p 1.5          | --top-p must be in (0, 1], got 1.5",
            "sample --top-k -1           | --top-k must be an integer >= 0, got -1",
            "sample --length -3          | --length must be an integer >= 0, got -3",
            "eval --seq-length 0         | --seq-length must be an integer >= 1, got 0",
    })
    void nonsenseFlagsNameTheFlagTheValueAndTheRange(String args, String expected) {
        List<String> argv = new ArrayList<>(Arrays.asList(args.trim().split("\\s+")));
        argv.addAll(argv.getFirst().equals("train") ? List.of("--data", romeo.toString(), "--max-steps", "1")
                : List.of("--checkpoint", run.toString()));
        oneLineError(run(argv.toArray(String[]::new)), expected);
    }

    @Test
    void emptyAndTooShortTextsSayWhatIsNeeded(@TempDir Path tmp) throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.txt"));
        Path out = tmp.resolve("out");
        oneLineError(run("train", "--data", empty.toString(), "--out", out.toString()), "empty.txt is empty");
        Path one = Files.writeString(tmp.resolve("aaa.txt"), "aaaaaaaa");
        oneLineError(run("train", "--data", one.toString(), "--out", out.toString()),
                "only one distinct character", "'a'");
        Path shortText =
                Files.writeString(tmp.resolve("short.txt"), "to be or not to be, that is the question\n".repeat(5));
        oneLineError(run("train", "--data", shortText.toString(), "--out", out.toString()),
                "205 characters", "leaving 195 for training",
                "--batch-size 64 x --seq-length 50 needs 3,201 characters", "lower them",
                "batch-size x seq-length <= 194");
        assertFalse(Files.exists(out), "nothing is created for a run that cannot start");
        oneLineError(run("eval", "--checkpoint", run.toString(), "--data", empty.toString()), "is empty");
    }

    @Test
    void missingOrWrongFilesAreNamed(@TempDir Path tmp) {
        oneLineError(run("train", "--data", tmp.resolve("nowhere.txt").toString()), "no such file: ", "nowhere.txt");
        oneLineError(run("train", "--data", tmp.toString()), "--data " + tmp + " is a directory");
        oneLineError(run("eval", "--checkpoint", run.toString(), "--data", tmp.resolve("nowhere.txt").toString()),
                "no such file");
        oneLineError(run("sample", "--checkpoint", romeo.toString()), "is a file, not a checkpoint");
        oneLineError(run("train", "--data", romeo.toString(), "--resume", tmp.toString()), "has no checkpoint");
        oneLineError(run("train", "--data", romeo.toString(), "--resume", run.toString()),
                "already at step 20 and --max-steps is 20", "pass a higher limit (e.g. --max-steps 40");
    }

    @Test
    void resumeOnOtherTextNamesTheNewCharacters(@TempDir Path tmp) throws IOException {
        Path other = Files.writeString(tmp.resolve("juliet.txt"), CliTest.TEXT + "Zoë, 세상!");
        long before = CharLmCheckpoint.load(run).snapshot().step();
        oneLineError(run("train", "--data", other.toString(), "--resume", run.toString()),
                "4 characters the checkpoint's vocabulary lacks", "'Z' (U+005A)", "'ë' (U+00EB)", "'세' (U+C138)",
                "'상' (U+C0C1)", "the text the run was trained on ('romeo')", "without --resume");
        assertEquals(before, CharLmCheckpoint.load(run).snapshot().step(), "the run is untouched");
    }

    @Test
    void resumeRefusesAChangedSetupButAcceptsTheSameOne(@TempDir Path tmp) throws IOException {
        Path copy = copyRun(run, tmp.resolve("copy"));
        oneLineError(run("train", "--data", romeo.toString(), "--resume", copy.toString(), "--max-steps", "30",
                "--lr", "0.5", "--hidden", "16", "--batch-size", "8"),
                "--resume continues a run exactly as it was set up", "--lr is 0.5 where the run has 0.006",
                "--batch-size is 8 where the run has 4", "drop those flags");
        CommandRun same =
                run(tiny("train", "--data", romeo.toString(), "--resume", copy.toString(), "--max-steps", "25"));
        assertEquals(0, same.code(), "the run's own values may be repeated: " + same.err());
        assertTrue(same.out().contains("resuming at step 20"), same.out());
    }

    @Test
    void unwritableOrOccupiedOutIsRefusedBeforeTraining(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CommandRun underFile = run(
                tiny("train", "--data", romeo.toString(), "--max-steps", "5", "--out", file.resolve("run").toString()));
        oneLineError(underFile, "--out", "a-file is a file, not a directory");
        assertFalse(underFile.out().contains("model:"), "refused before the model was built: " + underFile.out());

        CommandRun occupied =
                run(tiny("train", "--data", romeo.toString(), "--max-steps", "5", "--out", run.toString()));
        oneLineError(occupied, "already holds a training run", "--resume " + run);
        assertEquals(20, CharLmCheckpoint.load(run).snapshot().step(), "the existing run is untouched");

        Path fresh = InputChecks.freshRunDir(run);
        assertEquals(run.resolveSibling("run-2"), fresh, "the default --out steps around existing runs");
    }

    /**
     * A directory without write permission. Whether the permission binds this user is found out by trying, not
     * by the user's name: root (or a process with CAP_DAC_OVERRIDE) writes there anyway, and then the place is
     * one where no one may create anything, Linux's /proc. Either way the test first proves the place
     * read-only itself, so the case always runs and fails if the command writes or says the wrong thing.
     */
    @Test
    void readOnlyOutIsRefusedBeforeTraining(@TempDir Path tmp) throws IOException {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        assertTrue(locked.toFile().setWritable(false, false));
        try {
            boolean bitsBind = !canWriteIn(locked);
            if (!bitsBind) assertTrue(Files.isDirectory(Path.of("/proc")), "a user the permission bits do not bind "
                    + "needs Linux's /proc as the read-only place");
            Path parent = bitsBind ? locked : Path.of("/proc");
            assertFalse(canWriteIn(parent), parent + " should be read-only for this test");
            Path out = parent.resolve("rnn4j-run");
            CommandRun r = run(tiny("train", "--data", romeo.toString(), "--max-steps", "5", "--out", out.toString()));
            oneLineError(r, "--out " + out + " is not writable", "choose a directory you can write to");
            assertFalse(r.out().contains("model:"), "refused before the model was built: " + r.out());
            assertFalse(Files.exists(out));
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    /** Whether a file can be created in {@code dir} (it is removed again). */
    private static boolean canWriteIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Test
    void truncatedModelFileFailsSampleEvalAndResume(@TempDir Path tmp) throws IOException {
        Path copy = copyRun(run, tmp.resolve("copy"));
        Path model = copy.resolve("latest").resolve(CharLmCheckpoint.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        for (String[] args : List.of(new String[] {"sample", "--checkpoint", copy.toString()},
                new String[] {"eval", "--checkpoint", copy.toString(), "--data", romeo.toString()},
                new String[] {"train", "--data", romeo.toString(), "--resume", copy.toString()})) {
            oneLineError(run(args), CharLmCheckpoint.MODEL_FILE, "is damaged (truncated: its tensors end at byte");
        }
    }

    @Test
    void corruptTrainingStateStopsResumeButNotSampling(@TempDir Path tmp) throws IOException {
        Path copy = copyRun(run, tmp.resolve("copy"));
        Path training = copy.resolve("latest").resolve(CharLmCheckpoint.TRAINING_FILE);
        byte[] bytes = Files.readAllBytes(training);
        // flip bits in the last tensor's data
        for (int i = bytes.length - 64; i < bytes.length; i++) bytes[i] ^= 0x5A;
        Files.write(training, bytes);
        oneLineError(run("train", "--data", romeo.toString(), "--resume", copy.toString()),
                CharLmCheckpoint.TRAINING_FILE, "is damaged", "checksum", "resuming needs an intact");
        CommandRun sample = run("sample", "--checkpoint", copy.toString(), "--length", "20");
        assertEquals(0, sample.code(), "the weights are intact: " + sample.err());
        CommandRun eval = run("eval", "--checkpoint", copy.toString(), "--data", romeo.toString());
        assertEquals(0, eval.code(), eval.err());

        Files.write(training, "{\"not\": \"safetensors\"}".getBytes());
        oneLineError(run("train", "--data", romeo.toString(), "--resume", copy.toString()),
                CharLmCheckpoint.TRAINING_FILE, "is damaged");
    }

    @Test
    void divergenceStopsKeepsTheLastGoodCheckpointAndSuggestsTheFix(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("diverging");
        // Plain SGD at lr 1e6 without clipping: the first update is huge, the next loss is thousands of nats.
        CommandRun r = run(tiny("train", "--data", romeo.toString(), "--cell", "rnn", "--optimizer", "sgd",
                "--lr", "1e6", "--grad-clip", "0", "--max-steps", "50", "--checkpoint-every", "1",
                "--out", out.toString()));
        String err = oneLineError(r, "training diverged at step ", "the training loss reached ",
                "nats/char (guessing uniformly gives 3.58)",
                "the last good checkpoint is kept: " + out.resolve("step-"),
                "--lr (now 1e6, try 100000)", "--grad-clip 5 (now 0 = off)");
        Matcher m = Pattern.compile("diverged at step (\\d+)").matcher(err);
        assertTrue(m.find(), err);
        long diverged = Long.parseLong(m.group(1));
        assertTrue(diverged >= 2, err);
        CharLmCheckpoint.Loaded kept = CharLmCheckpoint.load(out);
        assertEquals(diverged - 1, kept.snapshot().step(), "the step before the divergence is the one kept");
        assertTrue(err.contains(out.resolve(String.format("step-%09d", diverged - 1)).toString()), err);
        for (Parameter p : kept.model().parameters()) {
            for (float w : p.value().data()) assertTrue(Float.isFinite(w), p.name() + " holds " + w);
        }
        try (Stream<Path> dirs = Files.list(out)) {
            assertEquals(List.of(String.format("step-%09d", diverged - 1)),
                    dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("step-")).toList());
        }
        String metrics = Files.readString(out.resolve(MetricsLog.FILE));
        assertEquals(diverged - 1, metrics.lines().count(),
                "a metrics line per finished step, none for the diverged one");
    }

    /** Copies a run directory, keeping its links as links. */
    static Path copyRun(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
