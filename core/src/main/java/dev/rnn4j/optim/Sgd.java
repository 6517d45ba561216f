package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * Stochastic gradient descent with momentum, PyTorch's {@code torch.optim.SGD}:
 * <pre>
 *   g ← ∇θ + λθ                                  (weight decay λ)
 *   b ← g at the first step, else μ·b + (1−τ)·g    (momentum μ, dampening τ)
 *   g ← g + μ·b if nesterov, else b                (only when μ ≠ 0)
 *   θ ← θ − γ·g
 * </pre>
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(params, Sgd.Config.of(0.1).withMomentum(0.9).withNesterov(true));
 * }</pre>
 */
public final class Sgd extends BufferedOptimizer {
    /** Hyper-parameters with PyTorch's defaults ({@link #defaults()}: lr 1e-3, everything else 0/false). */
    public record Config(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        public Config {
            StateBuffers.requireLr("SGD", lr);
            StateBuffers.requireNonNegative("SGD", "momentum", momentum);
            StateBuffers.requireNonNegative("SGD", "weightDecay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException(
                        "SGD nesterov momentum requires momentum > 0 and dampening 0, got momentum "
                        + momentum + ", dampening " + dampening);
            }
        }

        public static Config defaults() { return new Config(1e-3, 0, 0, false, 0); }

        public static Config of(double lr) { return defaults().withLr(lr); }

        public Config withLr(double v) { return new Config(v, momentum, dampening, nesterov, weightDecay); }

        public Config withMomentum(double v) { return new Config(lr, v, dampening, nesterov, weightDecay); }

        public Config withDampening(double v) { return new Config(lr, momentum, v, nesterov, weightDecay); }

        public Config withNesterov(boolean v) { return new Config(lr, momentum, dampening, v, weightDecay); }

        public Config withWeightDecay(double v) { return new Config(lr, momentum, dampening, nesterov, v); }
    }

    private final Config config;
    private final float[] momentumBuffer;   // PyTorch "momentum_buffer"; unused when momentum is 0

    public Sgd(List<Parameter> parameters, Config config) {
        super("SGD", parameters, config.lr());
        this.config = config;
        this.momentumBuffer = config.momentum() != 0 ? state.add("momentum_buffer", 0f) : null;
    }

    public Config config() { return config; }

    @Override
    public void step() {
        float wd = (float) config.weightDecay(), mu = (float) config.momentum(),
                damp = (float) (1 - config.dampening());
        float negLr = (float) -lr;
        boolean first = step == 0;
        List<Parameter> ps = state.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            float[] w = p.data(), gr = p.grad();
            int off = p.offset(), s = state.offset(i), n = p.size();
            for (int j = 0; j < n; j++) {
                float g = gr[off + j];
                if (wd != 0) g += wd * w[off + j];
                if (mu != 0) {
                    // The buffer starts as a copy of the first gradient: no dampening on step one.
                    float b = first ? g : mu * momentumBuffer[s + j] + damp * g;
                    momentumBuffer[s + j] = b;
                    g = config.nesterov() ? g + mu * b : b;
                }
                w[off + j] += negLr * g;
            }
        }
        step++;
    }
}
