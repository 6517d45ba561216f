package dev.rnn4j.golden;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Adagrad;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.AdamW;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.optim.RmsProp;
import dev.rnn4j.optim.Sgd;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Golden cases of kind {@code optim}: from {@code param.initial}, each step s sets {@code grad.step<s>}
 * as the gradient, steps, and compares with {@code param.step<s>}. The optimizer is built from the
 * case's spelled-out hyper-parameters only, so a misread one shows up here.
 */
public final class OptimGoldenCheck {
    private OptimGoldenCheck() {}

    public static void check(GoldenCase c) {
        Tensor initial = c.tensor("param.initial");
        Parameter p = new Parameter("param", initial.shape());
        p.set(initial);
        Optimizer opt = build(List.of(p), c);
        for (int s = 0; s < c.integer("steps"); s++) {
            Tensor g = c.tensor("grad.step" + s);
            System.arraycopy(g.data(), 0, p.grad(), p.offset(), p.size());
            opt.step();
            c.assertClose("param.step" + s, p.value());
        }
    }

    static Optimizer build(List<Parameter> ps, GoldenCase c) {
        double lr = c.number("lr");
        return switch (c.string("optimizer")) {
            case "SGD" ->
                    new Sgd(ps, new Sgd.Config(lr, c.number("momentum"), c.number("dampening"), c.flag("nesterov"),
                    c.number("weight_decay")));
            case "Adagrad" -> new Adagrad(ps, new Adagrad.Config(lr, c.number("lr_decay"), c.number("weight_decay"),
                    c.number("initial_accumulator_value"), c.number("eps")));
            case "RMSprop" ->
                    new RmsProp(ps, new RmsProp.Config(lr, c.number("alpha"), c.number("eps"), c.number("weight_decay"),
                    c.number("momentum"), c.flag("centered")));
            case "Adam" ->
                    new Adam(ps, new AdamConfig(lr, beta(c, 0), beta(c, 1), c.number("eps"), c.number("weight_decay"),
                    c.flag("amsgrad")));
            case "AdamW" ->
                    new AdamW(ps, new AdamConfig(lr, beta(c, 0), beta(c, 1), c.number("eps"), c.number("weight_decay"),
                    c.flag("amsgrad")));
            default -> throw new IllegalArgumentException(c.name() + ": no optimizer " + c.string("optimizer"));
        };
    }

    private static double beta(GoldenCase c, int i) {
        if (c.params().get("betas") instanceof List<?> betas && betas.size() == 2 && betas.get(i) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(c.name() + ": betas must be a list of two numbers, got "
                + c.params().get("betas"));
    }
}
