package dev.rnn4j.cli;

import dev.rnn4j.examples.ExampleCommand;
import dev.rnn4j.tool.CommandLines;
import dev.rnn4j.viz.VizCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnn4j} command line. Each subcommand is its own class; this one only wires them, and
 * {@link CommandLines} turns bad input into one clear line with exit code 2 instead of a stack trace.
 *
 * <pre>{@code
 * ./rnn4j train                                   # the default model on tinyshakespeare
 * ./rnn4j sample --checkpoint runs/tinyshakespeare-lstm --prime ROMEO:
 * }</pre>
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, version = "rnn4j 0.1.0",
        description = "Recurrent neural networks (RNN, LSTM, GRU) on the JVM with PyTorch semantics.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, ServeCommand.class,
                AverageCommand.class, ExportCommand.class, ImportCommand.class, GradCheckCommand.class,
                BenchCommand.class, KerasCommand.class, ExampleCommand.class, VizCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (used by tests). */
    public static int run(String... args) {
        return CommandLines.execute(new Main(), args);
    }
}
