package dev.rnn4j.nn;

import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/** Argument checks at the public boundary of the recurrent layers; messages name argument, expected and found. */
final class Checks {
    private Checks() {}

    /** Returns {T, B} of a valid input. */
    static int[] input(RecurrentConfig c, Tensor input) {
        String name = c.kind().name();
        if (input == null) throw new IllegalArgumentException(name + " input must not be null");
        String layout = c.batchFirst() ? "(batch, seq, input)" : "(seq, batch, input)";
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + " expects a 3-dimensional input " + layout + " with batchFirst="
                    + c.batchFirst() + ", got shape " + Shapes.str(input.shape()));
        }
        int[] s = input.shape();
        int T = c.batchFirst() ? s[1] : s[0], B = c.batchFirst() ? s[0] : s[1];
        if (s[2] != c.inputSize()) {
            throw new IllegalArgumentException(name + " expects input size " + c.inputSize() + ", got " + s[2]
                    + " (input shape " + Shapes.str(s) + ", batchFirst=" + c.batchFirst() + ")");
        }
        if (T == 0 || B == 0) {
            throw new IllegalArgumentException(name + " expects a non-empty input " + layout + ", got shape "
                    + Shapes.str(s));
        }
        return new int[] {T, B};
    }

    /** A private copy of valid lengths (each in 1..T, any order), or null for all-full sequences. */
    static int[] lengths(int[] lengths, int B, int T) {
        if (lengths == null) return null;
        if (lengths.length != B) {
            throw new IllegalArgumentException("lengths has " + lengths.length + " entries but batch is " + B);
        }
        for (int b = 0; b < B; b++) {
            if (lengths[b] < 1 || lengths[b] > T) {
                throw new IllegalArgumentException("lengths[" + b + "] must be in [1, " + T
                        + "] (the sequence length), got " + lengths[b]);
            }
        }
        return lengths.clone();
    }

    /** Null is allowed (zeros); otherwise the exact shape. */
    static void optional(String what, Tensor t, int... shape) {
        if (t != null) Shapes.require(what, t, shape);
    }

    /** Fails on a second backward of one output: the first wrote its gradients over what forward saved. */
    static void firstBackward(boolean backwardRan) {
        if (backwardRan) {
            throw backwardRan("backward",
                    "; for several losses on one output, add their gradients and run one backward");
        }
    }

    /** Fails on reading the trace of an output whose backward ran: the gates hold gradients now. */
    static void traceBeforeBackward(boolean backwardRan) {
        if (backwardRan) throw backwardRan("trace", ", or trace before backward");
    }

    /** What forward saved is gone once backward ran ({@link RecurrentLayer#backward}): why, and what to do. */
    private static IllegalStateException backwardRan(String use, String fix) {
        return new IllegalStateException("cannot " + use + " an output whose backward already ran: backward writes "
                + "its gradients over what forward saved (as PyTorch frees its graph after backward); run forward "
                + "again for another backward" + fix);
    }
}
