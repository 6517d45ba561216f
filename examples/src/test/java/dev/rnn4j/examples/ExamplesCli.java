package dev.rnn4j.examples;

import dev.rnn4j.tool.CommandRun;
import picocli.CommandLine.Command;

/**
 * The examples as {@code rnn4j} mounts them ({@code rnn4j example NAME}), run in-process with the same
 * error handling: {@code CommandRun r = ExamplesCli.run("example", "postag", "--epochs", "1");}
 */
@Command(name = "rnn4j", subcommands = ExampleCommand.class)
public final class ExamplesCli {
    private ExamplesCli() {}

    public static CommandRun run(String... args) {
        return CommandRun.run(new ExamplesCli(), args);
    }
}
