package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * AdamW, PyTorch's {@code torch.optim.AdamW}: Adam with decoupled weight decay, {@code θ ← θ·(1 − γλ)}
 * before the moment update instead of an L2 term in the gradient. The update is spelled out in {@link AdamUpdate}.
 *
 * <pre>{@code
 * Optimizer opt = new AdamW(model.parameters(), AdamConfig.adamW().withLr(2e-3));
 * }</pre>
 */
public final class AdamW extends BufferedOptimizer {
    private final AdamConfig config;
    private final AdamUpdate update;

    public AdamW(List<Parameter> parameters, AdamConfig config) {
        super("AdamW", parameters, config.lr());
        this.config = config;
        this.update = new AdamUpdate(state, config, true);
    }

    public AdamConfig config() { return config; }

    @Override
    public void step() { update.apply(++step, lr); }
}
