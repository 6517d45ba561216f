package dev.rnn4j.spark;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.tool.BadInputs;
import dev.rnn4j.tool.BadInputs.Case;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The robustness harness of the cli module for {@code rnn4j spark ...}: the shared bad inputs of {@link BadInputs}
 * against {@code spark train|score|keras-predict|cluster}, in-process. Each case: exit code 2, one {@code rnn4j:}
 * line naming the input, the problem and the fix, no stack trace, nothing written.
 *
 * <p>Where Spark differs from one machine: a huge file is no error (Spark reads it in splits), and {@code score}
 * and {@code keras-predict} read a directory of files; the bad contents of a file (empty, binary, Latin-1, cut-off
 * gzip) are found by a Spark job, tried for {@code train} (its corpus reader) and {@code score} (the lines reader,
 * which {@code keras-predict} shares), the other commands getting the cases that fail before Spark starts.
 */
class SparkRobustnessHarnessTest {
    /** A command under test: its arguments with slots ({@code {text}}, {@code {run}}, {@code {model}}, {@code {out}})
     * and its flags to try. */
    record Target(String args, List<String> ints, List<String> reals, List<String[]> typos, List<Case> extras,
                  boolean readsContents) {
        static Target of(String args, boolean readsContents) {
            return new Target(args, List.of(), List.of(), List.of(), List.of(), readsContents);
        }

        Target ints(String... flags) { return new Target(args, List.of(flags), reals, typos, extras, readsContents); }

        Target reals(String... flags) { return new Target(args, ints, List.of(flags), typos, extras, readsContents); }

        Target typo(String wrong, String right) {
            List<String[]> t = new ArrayList<>(typos);
            t.add(new String[] {wrong, right});
            return new Target(args, ints, reals, t, extras, readsContents);
        }

        Target extra(String name, String moreArgs, String expected) {
            List<Case> e = new ArrayList<>(extras);
            e.add(new Case(name, null, moreArgs, expected));
            return new Target(args, ints, reals, typos, e, readsContents);
        }

        /** The command's words after {@code spark}, e.g. "cluster start". */
        String command() {
            return Arrays.stream(args.split(" ")).takeWhile(w -> !w.startsWith("-") && !w.startsWith("{"))
                    .reduce((a, b) -> a + " " + b).orElseThrow();
        }
    }

    static final String LOCAL = " --master local[1] --conf spark.ui.enabled=false";

    static final List<Target> TARGETS = List.of(
            Target.of("train --data {text} --out {out} --max-steps 1 --hidden 8 --layers 1 --batch-size 4 "
                            + "--seq-length 16" + LOCAL, true)
                    .ints("--hidden", "--layers", "--batch-size", "--seq-length", "--max-steps", "--max-epochs",
                            "--eval-every", "--checkpoint-every", "--partitions", "--warmup")
                    .reals("--lr", "--dropout", "--val-frac", "--grad-clip", "--min-lr", "--weight-decay",
                            "--weight-drop")
                    .typo("--hiden", "--hidden").typo("--epochs", "--max-epochs")
                    .extra("an unknown dropout mode", "--dropout 0.2 --dropout-mode variational",
                            "unknown --dropout-mode 'variational': use standard, locked")
                    .extra("a weight drop of 1", "--weight-drop 1", "--weight-drop must be in \\[0, 1\\), got 1")
                    .extra("tied weights of two sizes", "--tie-weights --embedding-size 4",
                            "--tie-weights .*embedding size is 4 and --hidden is 8: add --embedding-size 8")
                    .extra("a master that is no URL", "--master nosuch://x", "--master 'nosuch://x' is not a Spark")
                    .extra("no threads", "--master local[0]", "--master 'local\\[0]' is not a Spark")
                    .extra("a --conf without =", "--conf spark.ui.enabled", "--conf expects KEY=VALUE")
                    .extra("an unknown cell", "--cell lsmt", "unknown --cell 'lsmt'")
                    .extra("an unknown optimizer", "--optimizer adma", "unknown --optimizer 'adma'")
                    .extra("a time limit that is no duration", "--time-limit 5min",
                            "--time-limit must be a duration.*got '5min'")
                    .extra("a weight matrix larger than an array", "--hidden 100000",
                            "more than a Java array holds.*lower --hidden")
                    .extra("a model too large for memory", "--hidden 16000",
                            "needs ~.* GB, the JVM may use .*RNN4J_HEAP"),
            Target.of("score --checkpoint {run} --data {text} --out {out}" + LOCAL, true)
                    .typo("--chekpoint", "--checkpoint")
                    .extra("an unknown format", "--format csv", "--format must be json or parquet"),
            Target.of("keras-predict {model} --data {text} --vocab {text} --out {out}" + LOCAL, false)
                    .ints("--batch-size", "--length").typo("--vocb", "--vocab")
                    .extra("an unknown tokenization", "--tokens bytes", "--tokens must be words or chars"),
            Target.of("cluster start --dir {out} --workers 1", false).ints("--workers", "--cores", "--port")
                    .typo("--worker", "--workers"));

    @TempDir
    static Path root;
    static Path bad;
    static Path run;
    static Path good;
    static Path model;

    @BeforeAll
    static void fixtures() throws IOException {
        bad = Files.createDirectory(root.resolve("bad"));
        String text = TestCorpus.text(3_000, 8);
        good = TestCorpus.write(root, "good.txt", text);
        BadInputs.writeFiles(bad, text);
        model = root.resolve("model.keras");
        KerasModels.save(Sequential.of(new Embedding(40, 4), new LSTM(4), new Dense(1, Activation.SIGMOID)).build(6),
                model);
        // A tiny run directory as spark train writes it, trained here on one machine (no Spark needed).
        run = root.resolve("run");
        CharCorpus corpus = CharCorpus.of(text, 0.1, 0);
        CharLanguageModel m = new CharLanguageModel(
                new CharLmConfig(RecurrentKind.GRU, corpus.vocabulary().size(), 8, 1, 0f, 1));
        TrainConfig config = new TrainConfig(4, 16, "adam", 2e-3, 1.0, 10, 1.0, 0, 2, Duration.ZERO, 0.1, 2, 0, 1);
        try (SparkRunListener listener = new SparkRunListener(run, m, corpus.vocabulary(), config, "good", -1, false,
                10)) {
            new CharLmTrainer(m, corpus.train(), corpus.validation(), config).run(listener);
        }
        Path truncated = copyRun(run, bad.resolve("truncated-run"));
        Path weights = truncated.resolve("latest").resolve(CharLmCheckpoint.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
        Path binaryRun = copyRun(run, bad.resolve("binary-run"));
        Files.write(binaryRun.resolve("latest").resolve(CharLmCheckpoint.MODEL_FILE), BadInputs.binary());
    }

    /** A copy of a run directory; its {@code latest} and {@code best} links (relative) point into the copy. */
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

    /** A slot case that applies to a target: Spark reads any size, and a directory of files for score's lines. */
    static boolean applies(Target t, Case c) {
        if (!t.args().contains("{" + c.slot() + "}")) return false;
        if (!c.slot().equals("text")) return true;
        if (c.name().equals("huge file")) return false;
        boolean contents = List.of("empty file", "binary file", "non-UTF-8 file", "truncated .gz").contains(c.name());
        if (contents && !t.readsContents()) return false;
        return !(c.name().equals("directory") && !t.command().equals("train"));
    }

    static Stream<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (Target t : TARGETS) {
            for (Case c : BadInputs.SLOT_CASES) if (applies(t, c)) cases.add(new Object[] {t, c});
            for (String flag : t.ints()) {
                for (String v : BadInputs.BAD_INTS) cases.add(new Object[] {t, new Case(flag + " " + v, null,
                        flag + " " + v, flag)});
            }
            for (String flag : t.reals()) {
                for (String v : BadInputs.BAD_REALS) cases.add(new Object[] {t, new Case(flag + " " + v, null,
                        flag + " " + v, flag)});
            }
            for (String[] typo : t.typos()) {
                cases.add(new Object[] {t, new Case("misspelled " + typo[0], null, typo[0] + " 1",
                        "unknown option '" + typo[0] + "'; did you mean .*'" + typo[1] + "'")});
            }
            cases.add(new Object[] {t, new Case("unknown flag", null, "--no-such-flag",
                    "unknown option '--no-such-flag'")});
            cases.add(new Object[] {t, new Case("misspelled command", null, null,
                    "unknown command '.*'; did you mean")});
            cases.addAll(t.extras().stream().map(c -> new Object[] {t, c}).toList());
        }
        return cases.stream().map(c -> new Object[] {"spark " + ((Target) c[0]).command() + ": "
                + ((Case) c[1]).name(), c[0], c[1]});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputGetsOneClearLine(String name, Target target, Case c) throws IOException {
        Path out = root.resolve("out-" + Integer.toHexString(name.hashCode()));
        List<String> argv = arguments(target, c, out);
        Map<String, String> before = BadInputs.snapshot(root);
        CommandRun r = CommandRun.run(new SparkMain(), argv.toArray(String[]::new));
        BadInputs.assertOneClearLine(r, c.expected(), input(target, c), String.join(" ", argv));
        assertEquals(before, BadInputs.snapshot(root), "nothing written: " + argv);
        assertFalse(Files.exists(out), "--out " + out + " not created: " + argv);
    }

    /** The target's arguments with the case's bad value in its slot (the first of its kind), good ones elsewhere. */
    static List<String> arguments(Target t, Case c, Path out) {
        List<String> argv = new ArrayList<>();
        boolean placed = false;
        for (String word : t.args().split(" ")) {
            if (!word.startsWith("{")) {
                argv.add(word);
                continue;
            }
            String slot = word.substring(1, word.length() - 1);
            if (!placed && slot.equals(c.slot())) {
                argv.add(c.value().isEmpty() ? "" : bad.resolve(c.value()).toString());
                placed = true;
            } else {
                argv.add(switch (slot) {
                    case "text" -> good.toString();
                    case "run" -> run.toString();
                    case "model" -> model.toString();
                    case "out" -> out.toString();
                    default -> throw new IllegalArgumentException("unknown slot " + word);
                });
            }
        }
        if (c.slot() == null && c.value() != null) withFlags(argv, c.value().split(" "));
        if (c.slot() == null && c.value() == null) {
            int last = t.command().split(" ").length - 1;
            argv.set(last, BadInputs.misspelled(argv.get(last)));
        }
        return argv;
    }

    /** Adds {@code flags} (flag, value, ...), replacing the value of a flag the line already has. */
    static void withFlags(List<String> argv, String... flags) {
        for (int i = 0; i < flags.length; i++) {
            boolean valued = i + 1 < flags.length && !flags[i + 1].startsWith("--");
            int at = argv.indexOf(flags[i]);
            if (at >= 0 && valued && at + 1 < argv.size()) {
                argv.set(at + 1, flags[++i]);
            } else {
                argv.add(flags[i]);
                if (valued) argv.add(flags[++i]);
            }
        }
    }

    /** What the error line must name: the bad file, or the flag (an empty path names its flag). */
    static String input(Target t, Case c) {
        if (c.slot() != null) {
            if (!c.value().isEmpty()) return bad.resolve(c.value()).toString();
            List<String> words = Arrays.asList(t.args().split(" "));
            int at = words.indexOf("{" + c.slot() + "}");
            return at > 0 && words.get(at - 1).startsWith("--") ? words.get(at - 1) : "";
        }
        if (c.value() == null) return BadInputs.misspelled(t.command().substring(t.command().lastIndexOf(' ') + 1));
        return c.value().split(" ")[0];
    }
}
