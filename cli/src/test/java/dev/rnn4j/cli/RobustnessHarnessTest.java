package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.tool.BadInputs;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every command against every bad input of {@link BadInputCatalogue}, in-process: exit code 2, exactly one
 * {@code rnn4j:} line on stderr that names the input, says what is wrong and how to fix it, no stack trace, and
 * nothing written anywhere (the cases all fail before work starts, so not even in {@code --out}).
 */
class RobustnessHarnessTest {
    /** The words with which a fix starts: an imperative, a suggestion or where the help is. */
    static final Pattern FIX = BadInputs.FIX;

    @TempDir
    static Path root;
    static Path bad;        // the bad files, by name
    static Path run;        // a good tiny run
    static Path romeo;      // a good text

    @BeforeAll
    static void fixtures() throws IOException {
        bad = Files.createDirectory(root.resolve("bad"));
        romeo = Files.writeString(root.resolve("romeo.txt"), CliTest.TEXT);
        run = root.resolve("run");
        CommandRun r = Cli.run("train", "--data", romeo.toString(), "--max-steps", "4", "--hidden", "8",
                "--layers", "1", "--batch-size", "4", "--seq-length", "16", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        BadInputs.writeFiles(bad, CliTest.TEXT);
        byte[] binary = BadInputs.binary();
        Path truncated = BadInputTest.copyRun(run, bad.resolve("truncated-run"));
        Path model = truncated.resolve("latest").resolve(CharLmCheckpoint.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        Path binaryRun = BadInputTest.copyRun(run, bad.resolve("binary-run"));
        Files.write(binaryRun.resolve("latest").resolve(CharLmCheckpoint.MODEL_FILE), binary);
    }

    static Stream<Object[]> cases() {
        return BadInputCatalogue.all().stream().map(c -> new Object[] {
                ((BadInputCatalogue.Target) c[0]).command() + ": " + ((BadInputCatalogue.Case) c[1]).name(),
                c[0], c[1]});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputGetsOneClearLine(String name, BadInputCatalogue.Target target, BadInputCatalogue.Case c)
            throws IOException {
        Path out = root.resolve("out-" + Integer.toHexString(name.hashCode()));
        List<String> argv = arguments(target, c, out);
        Map<String, String> before = BadInputs.snapshot(root);
        CommandRun r = Cli.run(argv.toArray(String[]::new));
        String shown = String.join(" ", argv) + "\nstderr: " + r.err() + "\nstdout: " + r.out();
        assertEquals(2, r.code(), "exit code of " + shown);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("Error:"),
                "no stack trace: " + shown);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + shown);
        String line = lines.getFirst();
        assertTrue(line.startsWith("rnn4j: "), shown);
        assertTrue(Pattern.compile(c.expected()).matcher(line).find(), "'" + c.expected() + "' in: " + shown);
        String input = input(target, c);
        assertTrue(line.contains(input), "names the input '" + input + "': " + shown);
        assertTrue(FIX.matcher(line).find(), "says how to fix it: " + shown);
        assertEquals(before, BadInputs.snapshot(root), "nothing written: " + shown);
        assertFalse(Files.exists(out), "--out " + out + " not created: " + shown);
    }

    /** The target's arguments with its slots filled: the case's bad value in its slot, good values elsewhere. */
    static List<String> arguments(BadInputCatalogue.Target t, BadInputCatalogue.Case c, Path out) {
        List<String> argv = new ArrayList<>();
        boolean placed = false;
        for (String word : t.args().split(" ")) {
            if (word.startsWith("{")) {
                String[] slotAndDefault = word.substring(1, word.length() - 1).split(":", 2);
                String slot = slotAndDefault[0];
                if (!placed && slot.equals(c.slot())) {
                    argv.add(c.value().isEmpty() ? "" : bad.resolve(c.value()).toString());
                    placed = true;
                } else {
                    argv.add(switch (slot) {
                        case "text" -> romeo.toString();
                        case "run", "metrics" -> run.toString();
                        case "out" -> out.toString();
                        case "page" -> out.resolve("page.html").toString();
                        case "model" -> slotAndDefault[1];
                        default -> throw new IllegalArgumentException("unknown slot " + word);
                    });
                }
            } else {
                argv.add(word);
            }
        }
        if (c.slot() == null && c.value() != null) withFlags(argv, c.value().split(" "));
        if (c.slot() == null && c.value() == null) {
            int last = t.command().split(" ").length - 1;
            argv.set(last, BadInputs.misspelled(argv.get(last)));
        }
        return argv;
    }

    /** Adds {@code flags} (flag, value, ...) to {@code argv}, replacing the value of a flag it already has. */
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
    static String input(BadInputCatalogue.Target t, BadInputCatalogue.Case c) {
        if (c.slot() != null) {
            if (!c.value().isEmpty()) return bad.resolve(c.value()).toString();
            List<String> words = Arrays.asList(t.args().split(" "));
            int at = -1;
            for (int i = 0; i < words.size(); i++) if (words.get(i).startsWith("{" + c.slot())) at = at < 0 ? i : at;
            return at > 0 && words.get(at - 1).startsWith("--") ? words.get(at - 1) : "";
        }
        if (c.value() == null) return BadInputs.misspelled(t.command().substring(t.command().lastIndexOf(' ') + 1));
        return c.value().split(" ")[0];
    }
}
