package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise part of an Adam/AdamW step over elements {@code [from, to)} of one parameter, in float32,
 * with the step's scalars already computed (in double, by the optimizer):
 * <pre>
 *   θ ← θ·decay;  g ← g + l2·θ;  m ← m + (1−β1)(g − m);  v ← β2·v + (1−β2)·g²;  v ← max(vmax, v) (amsgrad)
 *   θ ← θ + negStepSize · m / (√v / bc2Sqrt + ε)
 * </pre>
 * The vector loop does the scalar tail's operations in its order (no fused multiply-add), so every element gets
 * the same bits whichever loop it falls in, and splitting a parameter over threads keeps them.
 *
 * <pre>{@code
 * AdamElements.Scalars k = new AdamElements.Scalars(1f, 0f, 0.1f, 0.999f, 0.001f, bc2Sqrt, 1e-8f, -lr / bc1);
 * AdamElements.update(k, w, wOff, grad, expAvg, expAvgSq, null, stateOff, 0, n);
 * }</pre>
 */
public final class AdamElements {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** One step's float32 constants; {@code decay} 1 and {@code l2} 0 switch those terms off. */
    public record Scalars(float decay, float l2, float b1Weight, float b2, float oneMinusB2, float bc2Sqrt, float eps,
                          float negStepSize) {}

    private AdamElements() {}

    /**
     * Updates {@code w[wOff + j]} (gradient {@code grad[wOff + j]}) and the moments at {@code sOff + j} for j in
     * [from, to); {@code maxExpAvgSq} is null without amsgrad.
     */
    public static void update(Scalars k, float[] w, int wOff, float[] grad, float[] expAvg, float[] expAvgSq,
                              float[] maxExpAvgSq, int sOff, int from, int to) {
        float decay = k.decay(), l2 = k.l2(), b1Weight = k.b1Weight(), b2 = k.b2(), oneMinusB2 = k.oneMinusB2();
        float bc2Sqrt = k.bc2Sqrt(), eps = k.eps(), negStepSize = k.negStepSize();
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += S.length()) {
            FloatVector theta = FloatVector.fromArray(S, w, wOff + j);
            if (decay != 1f) theta = theta.mul(decay);
            FloatVector g = FloatVector.fromArray(S, grad, wOff + j);
            if (l2 != 0) g = g.add(theta.mul(l2));
            FloatVector m = FloatVector.fromArray(S, expAvg, sOff + j);
            m = m.add(g.sub(m).mul(b1Weight));
            m.intoArray(expAvg, sOff + j);
            FloatVector v = FloatVector.fromArray(S, expAvgSq, sOff + j).mul(b2).add(g.mul(g).mul(oneMinusB2));
            v.intoArray(expAvgSq, sOff + j);
            if (maxExpAvgSq != null) {
                v = FloatVector.fromArray(S, maxExpAvgSq, sOff + j).max(v);
                v.intoArray(maxExpAvgSq, sOff + j);
            }
            FloatVector denom = v.sqrt().div(bc2Sqrt).add(eps);
            theta.add(m.div(denom).mul(negStepSize)).intoArray(w, wOff + j);
        }
        for (; j < to; j++) {
            float theta = w[wOff + j];
            if (decay != 1f) theta *= decay;
            float g = grad[wOff + j];
            if (l2 != 0) g += l2 * theta;
            float m = expAvg[sOff + j];
            m += b1Weight * (g - m);   // lerp toward g by weight 1−β1
            expAvg[sOff + j] = m;
            float v = b2 * expAvgSq[sOff + j] + oneMinusB2 * (g * g);
            expAvgSq[sOff + j] = v;
            if (maxExpAvgSq != null) {
                v = Math.max(maxExpAvgSq[sOff + j], v);
                maxExpAvgSq[sOff + j] = v;
            }
            float denom = (float) Math.sqrt(v) / bc2Sqrt + eps;
            w[wOff + j] = theta + negStepSize * (m / denom);
        }
    }
}
