package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/**
 * Adam, PyTorch's {@code torch.optim.Adam}: weight decay is an L2 term added to the gradient
 * (use {@link AdamW} for decoupled decay). The update is spelled out in {@link AdamUpdate}.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), AdamConfig.adam().withLr(2e-3));
 * }</pre>
 */
public final class Adam extends BufferedOptimizer {
    private final AdamConfig config;
    private final AdamUpdate update;

    public Adam(List<Parameter> parameters, AdamConfig config) {
        super("Adam", parameters, config.lr());
        this.config = config;
        this.update = new AdamUpdate(state, config, false);
    }

    public AdamConfig config() { return config; }

    @Override
    public void step() { update.apply(++step, lr); }
}
