package dev.rnn4j.tool;

import picocli.CommandLine.Option;

/**
 * The {@code --threads} option of every command that computes, as a picocli mixin.
 *
 * <pre>{@code
 * @Mixin ThreadsOption threads = new ThreadsOption();
 * public void run() { threads.apply(); ... }
 * }</pre>
 */
public final class ThreadsOption {
    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    /** The value given, or null for all cores. */
    public Integer value() { return threads; }

    /** Checks the value given, if any: a whole number of at least 1. */
    public void check() {
        if (threads != null) Flags.atLeast("--threads", threads, 1);
    }

    /** Sizes the compute pool to {@code --threads} when given; call before any kernel runs (the pool reads it once). */
    public void apply() {
        check();
        if (threads != null) System.setProperty("rnn4j.threads", Integer.toString(threads));
    }
}
