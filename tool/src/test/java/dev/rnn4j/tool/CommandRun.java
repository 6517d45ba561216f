package dev.rnn4j.tool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What one in-process run of a command returned: its exit code and what it printed.
 * {@code CommandRun r = CommandRun.run(new Main(), "example", "postag", "--epochs", "1");
 * assertEquals(0, r.code(), r.err());}
 */
public record CommandRun(int code, String out, String err) {
    /** Runs {@code root} as {@link CommandLines#execute} does, capturing standard output and error as UTF-8 text. */
    public static CommandRun run(Object root, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CommandLines.execute(root, args);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
