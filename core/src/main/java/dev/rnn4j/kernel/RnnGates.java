package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise part of an Elman RNN step, {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)} with
 * {@code act} = tanh or relu, and its derivative written in terms of the output:
 * {@code tanh' = 1 − h'²}, {@code relu' = [h' > 0]}.
 *
 * <pre>{@code
 * RnnGates.forward(n, false, a, 0);            // a = tanh(a), in place
 * RnnGates.backward(n, false, a, 0, dh, 0, da, 0);
 * }</pre>
 */
public final class RnnGates {
    private static final VectorSpecies<Float> S = Activations.S;

    private RnnGates() {}

    /** In place: {@code a[off..off+n) = act(a)}. */
    public static void forward(int n, boolean relu, float[] a, int off) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, a, off + j);
            (relu ? v.max(0f) : Activations.tanh(v)).intoArray(a, off + j);
        }
        for (; j < n; j++) a[off + j] = relu ? Math.max(a[off + j], 0f) : Activations.tanh(a[off + j]);
    }

    /** {@code da = dh ⊙ act'(·)} where {@code h} holds the activations h' from the forward pass. */
    public static void backward(int n, boolean relu, float[] h, int hOff, float[] dh, int dhOff, float[] da,
            int daOff) {
        int j = 0;
        FloatVector one = Activations.one();
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector hv = FloatVector.fromArray(S, h, hOff + j);
            FloatVector d = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector r = relu
                    ? d.blend(0f, hv.compare(VectorOperators.LE, 0f))
                    : d.mul(one.sub(hv.mul(hv)));
            r.intoArray(da, daOff + j);
        }
        for (; j < n; j++) {
            float hv = h[hOff + j];
            da[daOff + j] = relu ? (hv > 0f ? dh[dhOff + j] : 0f) : dh[dhOff + j] * (1f - hv * hv);
        }
    }
}
