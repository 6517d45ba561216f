package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop}:
 * <pre>
 *   g ← ∇θ + λθ
 *   v ← α·v + (1−α)·g²
 *   v̄ ← v − ḡ², with ḡ ← ḡ + (1−α)(g − ḡ)    (centered only; otherwise v̄ = v)
 *   d ← √v̄ + ε
 *   b ← μ·b + g/d,  θ ← θ − γ·b              (momentum μ > 0)
 *   θ ← θ − γ·g/d                            (μ = 0)
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new RmsProp(params, RmsProp.Config.defaults().withLr(2e-3).withAlpha(0.95));
 * }</pre>
 */
public final class RmsProp extends BufferedOptimizer {
    /** PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false. */
    public record Config(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        public Config {
            StateBuffers.requireLr("RMSprop", lr);
            StateBuffers.requireNonNegative("RMSprop", "alpha", alpha);
            StateBuffers.requireNonNegative("RMSprop", "eps", eps);
            StateBuffers.requireNonNegative("RMSprop", "weightDecay", weightDecay);
            StateBuffers.requireNonNegative("RMSprop", "momentum", momentum);
        }

        public static Config defaults() { return new Config(0.01, 0.99, 1e-8, 0, 0, false); }

        public Config withLr(double v) { return new Config(v, alpha, eps, weightDecay, momentum, centered); }

        public Config withAlpha(double v) { return new Config(lr, v, eps, weightDecay, momentum, centered); }

        public Config withEps(double v) { return new Config(lr, alpha, v, weightDecay, momentum, centered); }

        public Config withWeightDecay(double v) { return new Config(lr, alpha, eps, v, momentum, centered); }

        public Config withMomentum(double v) { return new Config(lr, alpha, eps, weightDecay, v, centered); }

        public Config withCentered(boolean v) { return new Config(lr, alpha, eps, weightDecay, momentum, v); }
    }

    private final Config config;
    private final float[] squareAvg;      // "square_avg"
    private final float[] gradAvg;        // "grad_avg", centered only
    private final float[] momentumBuffer; // "momentum_buffer", momentum > 0 only

    public RmsProp(List<Parameter> parameters, Config config) {
        super("RMSprop", parameters, config.lr());
        this.config = config;
        this.squareAvg = state.add("square_avg", 0f);
        this.momentumBuffer = config.momentum() > 0 ? state.add("momentum_buffer", 0f) : null;
        this.gradAvg = config.centered() ? state.add("grad_avg", 0f) : null;
    }

    public Config config() { return config; }

    @Override
    public void step() {
        step++;
        float wd = (float) config.weightDecay(), alpha = (float) config.alpha(),
                oneMinusAlpha = (float) (1 - config.alpha());
        float eps = (float) config.eps(), mu = (float) config.momentum(), negLr = (float) -lr;
        List<Parameter> ps = state.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            float[] w = p.data(), gr = p.grad();
            int off = p.offset(), s = state.offset(i), n = p.size();
            for (int j = 0; j < n; j++) {
                float g = gr[off + j];
                if (wd != 0) g += wd * w[off + j];
                float v = alpha * squareAvg[s + j] + oneMinusAlpha * (g * g);
                squareAvg[s + j] = v;
                if (gradAvg != null) {
                    float m = gradAvg[s + j];
                    m += oneMinusAlpha * (g - m);   // lerp toward g by weight 1−α
                    gradAvg[s + j] = m;
                    v = v - m * m;
                }
                float d = (float) Math.sqrt(v) + eps;
                if (momentumBuffer != null) {
                    float b = mu * momentumBuffer[s + j] + g / d;
                    momentumBuffer[s + j] = b;
                    w[off + j] += negLr * b;
                } else {
                    w[off + j] += negLr * (g / d);
                }
            }
        }
    }
}
