package dev.rnn4j.golden;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/** Golden case of kind {@code clip_grad_norm}: gradients {@code grad.a}, {@code grad.b} clipped together. */
public final class ClipGoldenCheck {
    private ClipGoldenCheck() {}

    public static void check(GoldenCase c) {
        if (c.number("norm_type") != 2) {
            throw new IllegalArgumentException(c.name() + ": only norm_type 2 is implemented");
        }
        Parameter a = withGradient("a", c.tensor("grad.a")), b = withGradient("b", c.tensor("grad.b"));
        double norm = GradClip.clipGradNorm(List.of(a, b), c.number("max_norm"));
        c.assertClose("out.total_norm", LossGoldenCheck.scalar(norm));
        c.assertClose("out.a", a.gradient());
        c.assertClose("out.b", b.gradient());
    }

    private static Parameter withGradient(String name, Tensor g) {
        Parameter p = new Parameter(name, g.shape());
        System.arraycopy(g.data(), 0, p.grad(), p.offset(), p.size());
        return p;
    }
}
