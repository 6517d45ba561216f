package dev.rnn4j.cli;

import dev.rnn4j.tool.CommandRun;

/** Runs the real {@code rnn4j} command line in-process: {@code CommandRun r = Cli.run("train", "--max-steps", "1");} */
final class Cli {
    private Cli() {}

    static CommandRun run(String... args) {
        return CommandRun.run(new Main(), args);
    }
}
