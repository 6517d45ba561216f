package dev.rnn4j.viz;

import dev.rnn4j.tool.CommandLines;
import picocli.CommandLine.Command;

/** The pages as {@code rnn4j} mounts them ({@code rnn4j viz PAGE}), run in-process with the same error handling. */
@Command(name = "rnn4j", subcommands = VizCommand.class)
final class VizCli {
    private VizCli() {}

    static int run(String... args) {
        return CommandLines.execute(new VizCli(), args);
    }
}
