package dev.rnn4j.tool;

import picocli.CommandLine;

/**
 * Runs a picocli command the way every rnn4j command runs: bad input (a {@link UserError} or an
 * {@link IllegalArgumentException} from the library) becomes one {@code rnn4j:} line on stderr and exit code 2
 * instead of a stack trace. Shared so that the examples' and the pages' tests run their commands exactly as
 * {@code rnn4j} does.
 */
public final class CommandLines {
    /** Exit code for bad input (arguments, files): the message says what is wrong and how to fix it. */
    public static final int EXIT_BAD_INPUT = 2;

    private CommandLines() {}

    /** Runs {@code root} (a picocli {@code @Command}) with {@code args} and returns its exit code. */
    public static int execute(Object root, String... args) {
        CommandLine cl = new CommandLine(root);
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
            String help = where.getCommandSpec().qualifiedName() + " --help";
            where.getErr().println("rnn4j: " + ex.getMessage() + " (see: " + help + ")");
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }
}
