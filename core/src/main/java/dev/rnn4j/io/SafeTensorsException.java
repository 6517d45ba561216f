package dev.rnn4j.io;

/** A safetensors file that cannot be read: the message names the file, the tensor where relevant, and the problem. */
public final class SafeTensorsException extends IllegalArgumentException {
    public SafeTensorsException(String message) {
        super(message);
    }
}
