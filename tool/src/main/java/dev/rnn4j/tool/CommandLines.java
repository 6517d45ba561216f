package dev.rnn4j.tool;

import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a picocli command the way every rnn4j command runs: bad input (a {@link UserError} or an
 * {@link IllegalArgumentException} from the library) becomes one {@code rnn4j:} line on stderr and exit code 2
 * instead of a stack trace. Shared so that the examples' and the pages' tests run their commands exactly as
 * {@code rnn4j} does.
 */
public final class CommandLines {
    /** Exit code for bad input (arguments, files): the message says what is wrong and how to fix it. */
    public static final int EXIT_BAD_INPUT = 2;

    /**
     * Flags people bring from other tools or from another rnn4j command, and the name this command uses, for
     * when picocli's spelling suggestions find nothing close.
     */
    private static final Map<String, List<String>> KNOWN_ELSEWHERE = Map.ofEntries(
            Map.entry("--epochs", List.of("--max-epochs")),
            Map.entry("--steps", List.of("--max-steps")),
            Map.entry("--max-steps", List.of("--max-length")),   // sentiment: the longest review, not a step limit
            Map.entry("--max-train", List.of("--train-limit")),
            Map.entry("--max-pairs", List.of("--train-limit")),
            Map.entry("--train-limit", List.of("--max-steps", "--max-epochs")),
            Map.entry("--hidden-size", List.of("--hidden")),
            Map.entry("--num-layers", List.of("--layers")),
            Map.entry("--checkpoint", List.of("--resume")),
            Map.entry("--model", List.of("--checkpoint")),
            Map.entry("--output", List.of("--out")));

    private CommandLines() {}

    /** Runs {@code root} (a picocli {@code @Command}) with {@code args} and returns its exit code. */
    public static int execute(Object root, String... args) {
        CommandLine cl = new CommandLine(root);
        cl.registerConverter(Path.class, CommandLines::path);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof UserError) {
                commandLine.getErr().println("rnn4j: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof ArithmeticException) {   // Math.*Exact: a size that does not fit in Java's arrays
                commandLine.getErr().println("rnn4j: a size is too large (" + ex.getMessage() + "): lower the size "
                        + "flags (see: " + commandLine.getCommandSpec().qualifiedName() + " --help)");
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        // A mistyped flag or value: the parser's one-line reason, a suggestion, and where the help is.
        cl.setParameterExceptionHandler((ex, ignored) -> {
            CommandLine where = ex.getCommandLine();
            String help = where.getCommandSpec().qualifiedName() + " --help";
            where.getErr().println("rnn4j: " + message(ex) + " (see: " + help + ")");
            return EXIT_BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {   // the checks before work estimate memory; this is the net under them
            System.err.println("rnn4j: " + Memory.tooLarge("this command", Memory.maxHeap(), "the sizes you asked for")
                    .getMessage().replaceFirst(" needs ~[^,]*,", " ran out of memory;"));
            return EXIT_BAD_INPUT;
        }
    }

    /** Picocli's reason, with "did you mean" for a misspelled flag or command. */
    private static String message(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) return ex.getMessage();
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.getFirst();
        boolean option = first.startsWith("-");
        List<String> suggestions = u.getSuggestions();
        String name = first.split("=", 2)[0];
        if (option && suggestions.isEmpty()) suggestions = closeSpellings(name, ex.getCommandLine());
        if (option && suggestions.isEmpty()) suggestions = knownElsewhere(name, ex.getCommandLine());
        if (!option && suggestions.isEmpty()) suggestions = closeCommands(first, u.getCommandLine());
        if (first.isEmpty()) return "an empty path '': give a file or directory name";
        String what = option ? "unknown option '" + first + "'"
                : u.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" + first + "'"
                : "unknown command '" + first + "'";
        if (suggestions.isEmpty()) return what;
        List<String> quoted = suggestions.stream().map(s -> "'" + s + "'").toList();
        return what + "; did you mean " + String.join(" or ", quoted) + "?";
    }

    /** The command's options within two typing slips of {@code flag} (picocli's own suggestions miss short names). */
    private static List<String> closeSpellings(String flag, CommandLine where) {
        return where.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--") && aSlipApart(n, flag))
                .distinct().toList();
    }

    /** The subcommands within a typing slip of {@code name} (picocli suggests none for short names: "fti"). */
    private static List<String> closeCommands(String name, CommandLine where) {
        return where.getSubcommands().keySet().stream()
                .filter(n -> aSlipApart(n, name)).toList();
    }

    /** Whether {@code typed} is within a typing slip of {@code name}: one edit for short words, two for longer. */
    private static boolean aSlipApart(String name, String typed) {
        return distance(name, typed) <= (typed.length() <= 5 ? 1 : 2);
    }

    /** Edit distance with transpositions (optimal string alignment): "--otu" is one slip from "--out". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static List<String> knownElsewhere(String flag, CommandLine where) {
        return KNOWN_ELSEWHERE.getOrDefault(flag, List.of()).stream()
                .filter(name -> where.getCommandSpec().findOption(name) != null).toList();
    }

    /** A path flag's value; an empty one would silently mean the working directory. */
    private static Path path(String value) {
        if (value.isBlank()) {
            throw new CommandLine.TypeConversionException("an empty path: give a file or directory name");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("not a usable path (" + e.getReason()
                    + "): give another name");
        }
    }
}
