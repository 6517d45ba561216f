package dev.rnn4j.tool;

import dev.rnn4j.nn.RecurrentKind;

import java.util.Locale;

/**
 * What a piece of work will need, checked against what the JVM may use before any of it starts, so that a
 * model too large for the machine costs one line instead of an {@code OutOfMemoryError} minutes later. The
 * launcher's knob is {@value #HEAP_VARIABLE} (e.g. {@code RNN4J_HEAP=16g ./rnn4j train ...}), passed to the JVM
 * as {@code -Xmx}.
 *
 * <pre>{@code
 * long p = Memory.charLmParameters(RecurrentKind.LSTM, 65, 256, 2);   // 543,809
 * Memory.require(Memory.trainingBytes(p, 2, 32, 100, ...), "--hidden, --layers or --batch-size");
 * }</pre>
 */
public final class Memory {
    /** The environment variable the {@code rnn4j} launcher turns into the JVM's {@code -Xmx}. */
    public static final String HEAP_VARIABLE = "RNN4J_HEAP";
    /** Java arrays hold at most this many elements, so no one tensor may have more. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Memory() {}

    /** Parameters of a stacked recurrent layer (weights and both biases per layer), in {@code long}: no overflow. */
    public static long recurrentParameters(RecurrentKind kind, long input, long hidden, long layers) {
        return recurrentParameters(kind, input, hidden, layers, false);
    }

    /** As {@link #recurrentParameters(RecurrentKind, long, long, long)}, both directions when {@code bidirectional}
     * (layers after the first then read both directions' outputs). Saturates at {@code Long.MAX_VALUE}. */
    public static long recurrentParameters(RecurrentKind kind, long input, long hidden, long layers,
                                           boolean bidirectional) {
        long g = kind.gates(), dirs = bidirectional ? 2 : 1;
        long biases = times(2 * g, hidden);
        long first = plus(times(g, times(hidden, plus(input, hidden))), biases);
        long other = plus(times(g, times(hidden, plus(times(dirs, hidden), hidden))), biases);
        return times(dirs, plus(first, times(layers - 1, other)));
    }

    /** The character model: embedding {@code V × H}, the recurrent stack, the head {@code H × V + V}. */
    public static long charLmParameters(RecurrentKind kind, long vocab, long hidden, long layers) {
        return plus(plus(times(vocab, hidden), recurrentParameters(kind, hidden, hidden, layers)),
                plus(times(hidden, vocab), vocab));
    }

    /** The largest single weight matrix of that model, which must fit in one Java array. */
    public static long largestCharLmTensor(RecurrentKind kind, long vocab, long hidden) {
        return Math.max(vocab * hidden, kind.gates() * 2 * hidden * hidden);
    }

    /** Stops with a {@link UserError} when the largest weight matrix of that model would not fit in a Java array. */
    public static void requireCharLmArrays(RecurrentKind kind, long vocab, long hidden) {
        long largest = largestCharLmTensor(kind, vocab, hidden);
        if (largest > MAX_ARRAY) {
            throw new UserError(String.format(Locale.ROOT, "--hidden %d makes a weight matrix of %,d numbers, more "
                    + "than a Java array holds (%,d): lower --hidden", hidden, largest, MAX_ARRAY));
        }
    }

    /**
     * Bytes a training step needs, roughly: weights, gradients and {@code optimizerSlots} moments per parameter
     * (float32), and what the forward pass saves for backward over {@code batch × seq} steps (each layer's gates,
     * hidden and cell states, the logits and their gradient).
     */
    public static long trainingBytes(long parameters, int optimizerSlots, RecurrentKind kind, long vocab, long hidden,
                                     long layers, long batch, long seq) {
        long perStep = plus(times(layers, times(kind.gates() + 3, hidden)), times(3, vocab));
        return trainingBytes(parameters, optimizerSlots, times(batch, seq), perStep);
    }

    /**
     * Bytes to train any model, roughly: {@code parameters} float32 weights, their gradients and
     * {@code optimizerSlots} moments each, and {@code floatsPerPosition} activations saved for backward at each of
     * {@code positions} (batch × steps). Saturates at {@code Long.MAX_VALUE}: absurd sizes only need to be too large.
     */
    public static long trainingBytes(long parameters, int optimizerSlots, long positions, long floatsPerPosition) {
        return plus(times(parameters, 4L * (2 + optimizerSlots)), times(times(positions, floatsPerPosition), 4));
    }

    /** {@code a × b} for sizes (not negative), or {@code Long.MAX_VALUE} when it overflows. */
    public static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a + b} for sizes (not negative), or {@code Long.MAX_VALUE} when it overflows. */
    public static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Moments an optimizer keeps per parameter: Adam's two, RMSprop's and Adagrad's one, plain SGD none. */
    public static int optimizerSlots(String optimizer) {
        String o = optimizer.toLowerCase(Locale.ROOT);
        return o.equals("adam") || o.equals("adamw") ? 2 : 1;   // SGD: its momentum buffer, when used
    }

    /** The most heap the JVM may use ({@code -Xmx}). */
    public static long maxHeap() { return Runtime.getRuntime().maxMemory(); }

    /**
     * Stops with one line when {@code needed} bytes will not fit in the heap (leaving a quarter for everything
     * else): what it needs, what the JVM may use, which flags lower it and the launcher's knob.
     */
    public static void require(String what, long needed, String lower) {
        long heap = maxHeap();
        if (needed < 0 || needed > heap / 4 * 3) throw tooLarge(what, needed < 0 ? Long.MAX_VALUE : needed, lower);
    }

    /** The one line for work that does not fit in memory. */
    public static UserError tooLarge(String what, long needed, String lower) {
        return new UserError(what + " needs ~" + gigabytes(needed) + ", the JVM may use " + gigabytes(maxHeap())
                + ": lower " + lower + ", or give the JVM more memory with " + HEAP_VARIABLE + " (e.g. " + HEAP_VARIABLE
                + "=" + suggestedHeap(needed) + " ./rnn4j ...)");
    }

    /** {@code 1.5 GB}, {@code 0.2 GB}, {@code 3,072 GB}. */
    public static String gigabytes(long bytes) {
        double gb = bytes / 1e9;
        return gb >= 100 ? String.format(Locale.ROOT, "%,.0f GB", gb) : String.format(Locale.ROOT, "%.1f GB", gb);
    }

    private static String suggestedHeap(long needed) {
        long gb = (long) Math.ceil(needed / 1e9 * 4 / 3) + 1;
        return gb + "g";
    }
}
