package dev.rnn4j.nn;

import java.util.Arrays;

/**
 * Work buffers a layer reuses between calls, grown when a larger (batch, seq) shape arrives, so time
 * loops never allocate. Not for results: what forward saves for backward is allocated per call, or, with
 * {@code reuseBuffers(true)}, kept in the layer's {@link Workspace} and overwritten by the next forward.
 * A layer (and so a module) is therefore not safe for concurrent forward/backward calls.
 */
final class Scratch {
    private final float[][] slots;

    Scratch(int count) { slots = new float[count][]; }

    /** Buffer {@code slot} with at least {@code n} floats, the first n set to zero. */
    float[] zeros(int slot, int n) {
        float[] a = slots[slot];
        if (a == null || a.length < n) return uninitialized(slot, n);
        Arrays.fill(a, 0, n, 0f);
        return a;
    }

    /** Buffer {@code slot} with at least {@code n} floats as the last use left them: the caller writes all n. */
    float[] uninitialized(int slot, int n) {
        float[] a = slots[slot];
        if (a == null || a.length < n) {
            a = new float[n];
            slots[slot] = a;
        }
        return a;
    }
}
