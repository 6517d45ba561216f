package dev.rnn4j.torch;

/**
 * A PyTorch file that cannot be read, or that asks for something a tensor {@code state_dict} never needs:
 * the message names the file, the problem and, where there is one, the fix.
 */
public final class TorchFormatException extends IllegalArgumentException {
    public TorchFormatException(String message) {
        super(message);
    }
}
