package dev.rnn4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The large arrays of one kind of call (forward or backward) of a recurrent module. With reuse on, each
 * call gets back the arrays of the previous call of that kind, matched by order and length, so a
 * training loop of forward, backward, forward, … allocates nothing per step once its shapes repeat (a new
 * (batch, seq) shape simply allocates anew). With reuse off it is plain allocation.
 *
 * <pre>{@code
 * long generation = space.begin();   // arrays of the previous call may now be handed out again
 * float[] gates = space.zeros(T * B * 4 * H);
 * }</pre>
 */
final class Workspace {
    private final List<float[]> arrays = new ArrayList<>();
    private int next;
    private long generation;
    private boolean reuse;

    void reuse(boolean on) {
        reuse = on;
        if (!on) arrays.clear();
    }

    boolean reusing() { return reuse; }

    /** Starts a call; returns its generation, which tells results of this call from later ones. */
    long begin() {
        next = 0;
        return ++generation;
    }

    long generation() { return generation; }

    /** {@code n} zeros: a fresh array, or with reuse on the next array of the previous call if it fits. */
    float[] zeros(int n) {
        float[] a = take(n);
        Arrays.fill(a, 0f);
        return a;
    }

    /** {@code n} floats of unspecified content, for callers that write every element. */
    float[] uninitialized(int n) { return take(n); }

    private float[] take(int n) {
        if (!reuse) return new float[n];
        if (next < arrays.size() && arrays.get(next).length == n) return arrays.get(next++);
        float[] a = new float[n];
        if (next < arrays.size()) arrays.set(next, a);
        else arrays.add(a);
        next++;
        return a;
    }
}
