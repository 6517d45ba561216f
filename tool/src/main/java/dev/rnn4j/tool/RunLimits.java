package dev.rnn4j.tool;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * {@code --max-epochs}, {@code --max-steps} and {@code --time-limit} of the commands that train a run with
 * checkpoints, as a picocli mixin. {@code --max-steps} counts optimizer steps over the whole run (a resumed run
 * included), {@code --max-epochs} passes over the training text; 0 is no limit. Without any of the three a run
 * stops after the command's default time.
 *
 * <pre>{@code
 * @Mixin RunLimits limits = new RunLimits();
 * Duration stopAfter = limits.timeLimit(Duration.ofMinutes(20));   // 20m unless a limit was given
 * }</pre>
 */
public final class RunLimits {
    @Option(names = "--max-epochs", defaultValue = "0", description = "stop after this many epochs, 0 = no limit")
    int maxEpochs;
    @Option(names = "--max-steps", defaultValue = "0", description = "stop after this many steps, 0 = no limit")
    long maxSteps;
    @Option(names = "--time-limit", paramLabel = "DURATION", description = {"stop after this long, e.g. 20m, 1h30m, "
            + "90s, 0 = none (default: 20m unless --max-epochs or --max-steps is given).",
            "It counts this process only: each --resume trains for its --time-limit (or the run's) again, except "
            + "that a run whose --lr-schedule cosine spans its time limit trains what is left of it."})
    String timeLimit;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public int maxEpochs() { return maxEpochs; }

    public long maxSteps() { return maxSteps; }

    /** Each limit in its range and the duration readable, before anything is read or written. */
    public void check() {
        Flags.atLeast("--max-epochs", maxEpochs, 0);
        Flags.atLeast("--max-steps", maxSteps, 0);
        if (timeLimit != null) Durations.parse(timeLimit);
    }

    /** {@code --time-limit} when given; else none when an epoch or step limit is set, else {@code whenUnset}. */
    public Duration timeLimit(Duration whenUnset) {
        if (timeLimit != null) return Durations.parse(timeLimit);
        return maxEpochs > 0 || maxSteps > 0 ? Duration.ZERO : whenUnset;
    }

    /** No limit at all: neither an epoch nor a step limit, and {@code --time-limit 0}. */
    public boolean unbounded() {
        return maxEpochs == 0 && maxSteps == 0 && timeLimit != null && Durations.parse(timeLimit).isZero();
    }

    /** Whether any of the three was on the command line (even as 0). */
    public boolean anyGiven() {
        if (command == null) return false;
        var parsed = command.commandLine().getParseResult();
        return parsed.hasMatchedOption("--max-steps") || parsed.hasMatchedOption("--max-epochs")
                || parsed.hasMatchedOption("--time-limit");
    }
}
