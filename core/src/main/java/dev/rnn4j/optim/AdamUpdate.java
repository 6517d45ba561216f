package dev.rnn4j.optim;

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
    private final String name;
    private final boolean decoupled;
    private final double beta1, beta2, eps, weightDecay;
    private final StateBuffers state;
    private final float[] expAvg, expAvgSq, maxExpAvgSq;
    double lr;
    long step;

    AdamUpdate(String name, List<Parameter> parameters, boolean decoupled, double lr, double beta1, double beta2,
               double eps, double weightDecay, boolean amsgrad) {
        validate(name, lr, beta1, beta2, eps, weightDecay);
        this.name = name;
        this.decoupled = decoupled;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.state = new StateBuffers(name, parameters);
        this.expAvg = state.add("exp_avg", 0f);
        this.expAvgSq = state.add("exp_avg_sq", 0f);
        this.maxExpAvgSq = amsgrad ? state.add("max_exp_avg_sq", 0f) : null;
    }

    static void validate(String name, double lr, double beta1, double beta2, double eps, double weightDecay) {
        StateBuffers.requireLr(name, lr);
        StateBuffers.requireBeta(name, "beta1", beta1);
        StateBuffers.requireBeta(name, "beta2", beta2);
        StateBuffers.requireNonNegative(name, "eps", eps);
        StateBuffers.requireNonNegative(name, "weightDecay", weightDecay);
    }

    void step() {
        step++;
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
            int off = p.offset(), s = state.offset(i), n = p.size();
            for (int j = 0; j < n; j++) {
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
        }
    }

    List<Parameter> parameters() { return state.parameters(); }

    void setLr(double lr) {
        StateBuffers.requireLr(name, lr);
        this.lr = lr;
    }

    OptimizerState exportState() { return state.export(step, lr); }

    void importState(OptimizerState s) {
        state.load(s);
        step = s.step();
        lr = s.lr();
    }
}
