package dev.rnn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnn4j} command line. Each subcommand is its own class; this one only wires them and turns
 * bad input into one clear line with exit code 2 instead of a stack trace.
 *
 * <pre>{@code
 * ./rnn4j train                                   # the default model on tinyshakespeare
 * ./rnn4j sample --checkpoint runs/tinyshakespeare-lstm --prime ROMEO:
 * }</pre>
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, version = "rnn4j 0.1.0",
        description = "Recurrent neural networks (RNN, LSTM, GRU) on the JVM with PyTorch semantics.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, AverageCommand.class, ExportCommand.class, GradCheckCommand.class,
                BenchCommand.class, dev.rnn4j.cli.examples.ExampleCommand.class, dev.rnn4j.cli.viz.VizCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (arguments, files): the message says what is wrong and how to fix it. */
    public static final int EXIT_BAD_INPUT = 2;

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
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof UserError) {
                commandLine.getErr().println("rnn4j: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        // A mistyped flag or value: the parser's one-line reason and where the help is, not the whole usage.
        cl.setParameterExceptionHandler((ex, ignored) -> {
            CommandLine where = ex.getCommandLine();
            where.getErr().println("rnn4j: " + ex.getMessage() + " (see: " + where.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }
}
