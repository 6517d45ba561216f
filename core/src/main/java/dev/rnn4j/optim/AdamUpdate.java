package dev.rnn4j.optim;

import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.nn.Parameter;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * The update Adam and AdamW share (Kingma &amp; Ba 2015, Alg. 1, with PyTorch's placement of ε):
 * <pre>
 *   θ ← θ·(1 − γλ)                 (AdamW: decoupled decay, Loshchilov &amp; Hutter 2019)
 *   g ← ∇θ + λθ                    (Adam: L2 penalty)
 *   m ← β1·m + (1−β1)·g
 *   v ← β2·v + (1−β2)·g²
 *   v̂max ← max(v̂max, v)            (amsgrad)
 *   θ ← θ − (γ / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
 * </pre>
 */
final class AdamUpdate {
    /** Elements per parallel chunk: smaller parameters update on the calling thread. */
    private static final int PARALLEL_GRAIN = 1 << 15;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private final boolean decoupled;
    private final double beta1, beta2, eps, weightDecay;
    private final StateBuffers state;
    private final float[] expAvg, expAvgSq, maxExpAvgSq;

    /** Adds the moment buffers to {@code state}; {@code decoupled} is AdamW's weight decay. */
    AdamUpdate(StateBuffers state, AdamConfig config, boolean decoupled) {
        this.decoupled = decoupled;
        this.beta1 = config.beta1();
        this.beta2 = config.beta2();
        this.eps = config.eps();
        this.weightDecay = config.weightDecay();
        this.state = state;
        this.expAvg = state.add("exp_avg", 0f);
        this.expAvgSq = state.add("exp_avg_sq", 0f);
        this.maxExpAvgSq = config.amsgrad() ? state.add("max_exp_avg_sq", 0f) : null;
    }

    /** Step number {@code step} (1, 2, …) with learning rate {@code lr}. */
    void apply(long step, double lr) {
        // Scalars in double, as PyTorch computes them in Python before the float32 element ops.
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        float negStepSize = (float) -(lr / biasCorrection1);
        float bc2Sqrt = (float) biasCorrection2Sqrt, fEps = (float) eps;
        float b1Weight = (float) (1 - beta1), b2 = (float) beta2, oneMinusB2 = (float) (1 - beta2);
        float l2 = decoupled ? 0f : (float) weightDecay;
        float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        List<Parameter> ps = state.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            float[] w = p.data(), gr = p.grad();
            int off = p.offset(), s = state.offset(i);
            // element by element, so splitting a parameter over the threads keeps the bits; the vector loop does
            // the scalar loop's operations in its order (no fused multiply-add), so it gives the same bits too
            KernelPool.parallelRange(p.size(), PARALLEL_GRAIN, (from, to) -> {
                int j = from;
                for (int bound = from + S.loopBound(to - from); j < bound; j += S.length()) {
                    FloatVector theta = FloatVector.fromArray(S, w, off + j);
                    if (decay != 1f) theta = theta.mul(decay);
                    FloatVector g = FloatVector.fromArray(S, gr, off + j);
                    if (l2 != 0) g = g.add(theta.mul(l2));
                    FloatVector m = FloatVector.fromArray(S, expAvg, s + j);
                    m = m.add(g.sub(m).mul(b1Weight));
                    m.intoArray(expAvg, s + j);
                    FloatVector v = FloatVector.fromArray(S, expAvgSq, s + j).mul(b2).add(g.mul(g).mul(oneMinusB2));
                    v.intoArray(expAvgSq, s + j);
                    if (maxExpAvgSq != null) {
                        v = FloatVector.fromArray(S, maxExpAvgSq, s + j).max(v);
                        v.intoArray(maxExpAvgSq, s + j);
                    }
                    FloatVector denom = v.sqrt().div(bc2Sqrt).add(fEps);
                    theta.add(m.div(denom).mul(negStepSize)).intoArray(w, off + j);
                }
                for (; j < to; j++) {
                    float theta = w[off + j];
                    if (decay != 1f) theta *= decay;
                    float g = gr[off + j];
                    if (l2 != 0) g += l2 * theta;
                    float m = expAvg[s + j];
                    m += b1Weight * (g - m);   // lerp toward g by weight 1−β1
                    expAvg[s + j] = m;
                    float v = b2 * expAvgSq[s + j] + oneMinusB2 * (g * g);
                    expAvgSq[s + j] = v;
                    if (maxExpAvgSq != null) {
                        v = Math.max(maxExpAvgSq[s + j], v);
                        maxExpAvgSq[s + j] = v;
                    }
                    float denom = (float) Math.sqrt(v) / bc2Sqrt + fEps;
                    w[off + j] = theta + negStepSize * (m / denom);
                }
            });
        }
    }
}
