package dev.rnn4j.nn;

import dev.rnn4j.kernel.DropoutMasks;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Inverted dropout, PyTorch's {@code nn.Dropout}: in training each element is zeroed with probability
 * {@code p} and the survivors are scaled by {@code 1/(1−p)}, so evaluation is the identity.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.5f, rng.split());
 * Dropout.Saved s = drop.forward(x);
 * Tensor y = s.output();
 * Tensor dx = drop.backward(s, dy);
 * }</pre>
 */
public final class Dropout implements Layer {
    private final float p;
    private final Rng rng;
    private boolean training = true;

    /**
     * What backward needs: the output and the per-element multiplier (0 or 1/(1−p)); {@code mask} is
     * null when the forward was the identity (evaluation mode or p = 0).
     */
    public record Saved(Tensor output, float[] mask) implements Call {
        /** {@code dx = dy ⊙ mask}, as {@link Dropout#backward(Saved, Tensor)}. */
        @Override
        public Tensor backward(Tensor dOutput) { return masked(this, dOutput); }
    }

    public Dropout(float p, Rng rng) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("Dropout probability p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    public float p() { return p; }

    public boolean isTraining() { return training; }

    @Override
    public List<Parameter> parameters() { return List.of(); }

    @Override
    public void train(boolean training) { this.training = training; }

    /** The contract form of {@link #forward(Tensor)}: the {@link Saved} record is the call. */
    @Override
    public Saved call(Tensor x) { return forward(x); }

    /** In training, draws a fresh mask from the layer's {@link Rng}; the input is left unchanged. */
    public Saved forward(Tensor x) {
        if (!training || p == 0f) return new Saved(x, null);
        float[] xd = x.data();
        float[] mask = fillMask(rng, p, new float[xd.length]);
        float[] y = new float[xd.length];
        for (int i = 0; i < xd.length; i++) y[i] = xd[i] * mask[i];
        return new Saved(new Tensor(y, x.shape()), mask);
    }

    /**
     * Fills {@code mask} with inverted-dropout multipliers drawn from {@code rng}: 0 with probability
     * {@code p}, else 1/(1−p) (a Bernoulli(1−p) draw per element, as torch.bernoulli_ in F.dropout).
     */
    public static float[] fillMask(Rng rng, float p, float[] mask) {
        DropoutMasks.fill(rng.state(), p, mask, mask.length);
        rng.skip(mask.length);
        return mask;
    }

    /** {@code dx = dy ⊙ mask}. */
    public Tensor backward(Saved saved, Tensor dy) { return masked(saved, dy); }

    private static Tensor masked(Saved saved, Tensor dy) {
        if (dy.numel() != saved.output().numel()) {
            throw new IllegalArgumentException("Dropout backward expects a gradient of " + saved.output().numel()
                    + " values, got " + dy.numel());
        }
        if (saved.mask() == null) return dy;
        float[] g = dy.data();
        float[] dx = new float[g.length];
        for (int i = 0; i < g.length; i++) dx[i] = g[i] * saved.mask()[i];
        return new Tensor(dx, dy.shape());
    }

    @Override
    public String toString() { return "Dropout(p=" + p + ")"; }
}
