package dev.rnn4j.tool;

/** A problem with what the user asked for (a file, a flag); printed as one line, exit code 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
