package dev.rnn4j.optim;

/**
 * Hyper-parameters of {@link Adam} and {@link AdamW}, which differ only in how weight decay enters and in
 * its default: {@link #adam()} has PyTorch's Adam defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight
 * decay 0, amsgrad off), {@link #adamW()} AdamW's (the same with weight decay 0.01).
 *
 * <pre>{@code
 * new Adam(params, AdamConfig.adam().withLr(2e-3));
 * new AdamW(params, AdamConfig.adamW().withWeightDecay(0.1));
 * }</pre>
 */
public record AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
    public AdamConfig {
        StateBuffers.requireLr("Adam", lr);
        StateBuffers.requireBeta("Adam", "beta1", beta1);
        StateBuffers.requireBeta("Adam", "beta2", beta2);
        StateBuffers.requireNonNegative("Adam", "eps", eps);
        StateBuffers.requireNonNegative("Adam", "weightDecay", weightDecay);
    }

    public static AdamConfig adam() { return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, false); }

    public static AdamConfig adamW() { return adam().withWeightDecay(0.01); }

    public AdamConfig withLr(double v) { return new AdamConfig(v, beta1, beta2, eps, weightDecay, amsgrad); }

    public AdamConfig withBetas(double b1, double b2) { return new AdamConfig(lr, b1, b2, eps, weightDecay, amsgrad); }

    public AdamConfig withEps(double v) { return new AdamConfig(lr, beta1, beta2, v, weightDecay, amsgrad); }

    public AdamConfig withWeightDecay(double v) { return new AdamConfig(lr, beta1, beta2, eps, v, amsgrad); }

    public AdamConfig withAmsgrad(boolean v) { return new AdamConfig(lr, beta1, beta2, eps, weightDecay, v); }
}
