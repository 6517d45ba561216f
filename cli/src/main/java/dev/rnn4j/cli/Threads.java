package dev.rnn4j.cli;

import dev.rnn4j.tool.UserError;

/** The {@code --threads} option shared by the commands that compute. */
final class Threads {
    private Threads() {}

    /** Sets the kernel pool size; must run before the first kernel call, which reads {@code rnn4j.threads}. */
    static void apply(Integer threads) {
        if (threads == null) return;
        if (threads < 1) throw new UserError("--threads must be at least 1, got " + threads);
        System.setProperty("rnn4j.threads", Integer.toString(threads));
    }
}
