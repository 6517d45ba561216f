package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * Adagrad, PyTorch's {@code torch.optim.Adagrad}; at step t = 1, 2, …:
 * <pre>
 *   g ← ∇θ + λθ
 *   γ̃ ← γ / (1 + (t−1)·η)          (learning-rate decay η)
 *   s ← s + g²                      (s starts at initialAccumulatorValue)
 *   θ ← θ − γ̃ · g / (√s + ε)
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adagrad(params, Adagrad.Config.defaults().withLr(0.1));
 * }</pre>
 */
public final class Adagrad extends BufferedOptimizer {
    /** PyTorch's defaults: lr 0.01, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10. */
    public record Config(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        public Config {
            StateBuffers.requireLr("Adagrad", lr);
            StateBuffers.requireNonNegative("Adagrad", "lrDecay", lrDecay);
            StateBuffers.requireNonNegative("Adagrad", "weightDecay", weightDecay);
            StateBuffers.requireNonNegative("Adagrad", "initialAccumulatorValue", initialAccumulatorValue);
            StateBuffers.requireNonNegative("Adagrad", "eps", eps);
        }

        public static Config defaults() { return new Config(0.01, 0, 0, 0, 1e-10); }

        public Config withLr(double v) { return new Config(v, lrDecay, weightDecay, initialAccumulatorValue, eps); }

        public Config withLrDecay(double v) { return new Config(lr, v, weightDecay, initialAccumulatorValue, eps); }

        public Config withWeightDecay(double v) { return new Config(lr, lrDecay, v, initialAccumulatorValue, eps); }

        public Config withInitialAccumulatorValue(double v) { return new Config(lr, lrDecay, weightDecay, v, eps); }

        public Config withEps(double v) { return new Config(lr, lrDecay, weightDecay, initialAccumulatorValue, v); }
    }

    private final Config config;
    private final float[] sum;   // PyTorch "sum"

    public Adagrad(List<Parameter> parameters, Config config) {
        super("Adagrad", parameters, config.lr());
        this.config = config;
        this.sum = state.add("sum", (float) config.initialAccumulatorValue());
    }

    public Config config() { return config; }

    @Override
    public void step() {
        step++;
        float wd = (float) config.weightDecay(), eps = (float) config.eps();
        float negClr = (float) -(lr / (1 + (step - 1) * config.lrDecay()));
        List<Parameter> ps = state.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            float[] w = p.data(), gr = p.grad();
            int off = p.offset(), s = state.offset(i), n = p.size();
            for (int j = 0; j < n; j++) {
                float g = gr[off + j];
                if (wd != 0) g += wd * w[off + j];
                float acc = sum[s + j] + g * g;
                sum[s + j] = acc;
                w[off + j] += negClr * (g / ((float) Math.sqrt(acc) + eps));
            }
        }
    }
}
