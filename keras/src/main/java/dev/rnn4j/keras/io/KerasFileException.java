package dev.rnn4j.keras.io;

/**
 * A Keras model file this library cannot read: corrupt, truncated, of an unknown layout, or holding a layer or
 * an option it does not support. The message names the file and what is wrong; an {@link IllegalArgumentException},
 * so callers that check arguments catch it the same way.
 *
 * <pre>{@code
 * try { KerasModels.load(path); } catch (KerasFileException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class KerasFileException extends IllegalArgumentException {
    public KerasFileException(String message) { super(message); }

    public KerasFileException(String message, Throwable cause) { super(message, cause); }
}
