package dev.rnn4j.optim;

import dev.rnn4j.kernel.AdamElements;
import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.nn.Parameter;

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
        AdamElements.Scalars k = new AdamElements.Scalars(decay, l2, b1Weight, b2, oneMinusB2, bc2Sqrt, fEps,
                negStepSize);
        List<Parameter> ps = state.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            float[] w = p.data(), gr = p.grad();
            int off = p.offset(), s = state.offset(i);
            // element by element, so splitting a parameter over the threads keeps the bits
            KernelPool.parallelRange(p.size(), PARALLEL_GRAIN,
                    (from, to) -> AdamElements.update(k, w, off, gr, expAvg, expAvgSq, maxExpAvgSq, s, from, to));
        }
    }
}
