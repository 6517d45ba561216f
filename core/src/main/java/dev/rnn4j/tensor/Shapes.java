package dev.rnn4j.tensor;

import java.util.Arrays;

/** Shape arithmetic and the argument checks every public boundary shares. */
public final class Shapes {
    private Shapes() {}

    public static long numel(int... shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= s;
        }
        return n;
    }

    public static String str(int... shape) { return Arrays.toString(shape); }

    /** Throws unless {@code t} has exactly {@code expected}; {@code what} names the argument. */
    public static void require(String what, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(what + " must have shape " + str(expected) + ", got " + str(t.shape()));
        }
    }

    public static void requireRank(String what, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(what + " must have " + rank + " dimensions, got shape "
                    + str(t.shape()));
        }
    }

    public static void requirePositive(String what, int value) {
        if (value <= 0) throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
}
