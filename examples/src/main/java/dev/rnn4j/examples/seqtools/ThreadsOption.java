package dev.rnn4j.examples.seqtools;

import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Option;

/**
 * The {@code --threads} option of the examples that train with the compute pool, as a picocli mixin.
 *
 * <pre>{@code
 * @Mixin ThreadsOption threads = new ThreadsOption();
 * public void run() { threads.apply(); ... }
 * }</pre>
 */
public final class ThreadsOption {
    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    /** Sizes the compute pool to {@code --threads} when given; call before any kernel runs. */
    public void apply() {
        if (threads == null) return;
        if (threads < 1) throw new UserError("--threads must be at least 1, got " + threads);
        System.setProperty("rnn4j.threads", Integer.toString(threads));
    }
}
