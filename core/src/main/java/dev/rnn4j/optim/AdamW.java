package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * AdamW, PyTorch's {@code torch.optim.AdamW}: Adam with decoupled weight decay, {@code θ ← θ·(1 − γλ)}
 * before the moment update instead of an L2 term in the gradient. The update is spelled out in {@link AdamUpdate}.
 *
 * <pre>{@code
 * Optimizer opt = new AdamW(model.parameters(), AdamW.Config.defaults().withLr(2e-3));
 * }</pre>
 */
public final class AdamW implements Optimizer {
    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weightDecay 0.01, amsgrad false. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Config { AdamUpdate.validate("AdamW", lr, beta1, beta2, eps, weightDecay); }

        public static Config defaults() { return new Config(1e-3, 0.9, 0.999, 1e-8, 0.01, false); }

        public Config withLr(double v) { return new Config(v, beta1, beta2, eps, weightDecay, amsgrad); }

        public Config withBetas(double b1, double b2) { return new Config(lr, b1, b2, eps, weightDecay, amsgrad); }

        public Config withEps(double v) { return new Config(lr, beta1, beta2, v, weightDecay, amsgrad); }

        public Config withWeightDecay(double v) { return new Config(lr, beta1, beta2, eps, v, amsgrad); }

        public Config withAmsgrad(boolean v) { return new Config(lr, beta1, beta2, eps, weightDecay, v); }
    }

    private final Config config;
    private final AdamUpdate update;

    public AdamW(List<Parameter> parameters, Config config) {
        this.config = config;
        this.update = new AdamUpdate("AdamW", parameters, true, config.lr(), config.beta1(), config.beta2(), config.eps(),
                config.weightDecay(), config.amsgrad());
    }

    public Config config() { return config; }

    @Override
    public void step() { update.step(); }

    @Override
    public List<Parameter> parameters() { return update.parameters(); }

    @Override
    public double lr() { return update.lr; }

    @Override
    public void setLr(double lr) { update.setLr(lr); }

    @Override
    public long stepCount() { return update.step; }

    @Override
    public OptimizerState exportState() { return update.exportState(); }

    @Override
    public void importState(OptimizerState state) { update.importState(state); }
}
