package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Adagrad;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.AdamW;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.optim.RmsProp;
import dev.rnn4j.optim.Sgd;

import java.util.List;
import java.util.function.Function;

/**
 * Optimizers with Keras's defaults, as factories over a model's parameters (the model makes the optimizer
 * once it has built its parameters). Any {@code Function<List<Parameter>, Optimizer>} works the same way.
 *
 * <pre>{@code
 * model.compile(KerasOptimizers.adam(1e-3), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
 * model.compile(params -> new Sgd(params, Sgd.Config.of(0.1).withMomentum(0.9)), Loss.MSE);
 * }</pre>
 */
public final class KerasOptimizers {
    /** Keras's epsilon (PyTorch uses 1e-8). */
    private static final double EPSILON = 1e-7;

    private KerasOptimizers() {}

    /**
     * A factory of this class: Keras's optimizer class name and learning rate beside it, so a saved {@code .keras}
     * file can name the optimizer in its {@code compile_config} (the other settings are Keras's defaults).
     */
    public record Named(String kerasClass, double learningRate, Function<List<Parameter>, Optimizer> make)
            implements Function<List<Parameter>, Optimizer> {
        @Override
        public Optimizer apply(List<Parameter> parameters) { return make.apply(parameters); }
    }

    /** RMSprop: lr 0.001, rho 0.9, epsilon 1e-7 (Keras's defaults). */
    public static Function<List<Parameter>, Optimizer> rmsprop() { return rmsprop(1e-3); }

    public static Function<List<Parameter>, Optimizer> rmsprop(double lr) {
        return new Named("RMSprop", lr, p -> new RmsProp(p, new RmsProp.Config(lr, 0.9, EPSILON, 0, 0, false)));
    }

    /** Adam: lr 0.001, betas 0.9 / 0.999, epsilon 1e-7. */
    public static Function<List<Parameter>, Optimizer> adam() { return adam(1e-3); }

    public static Function<List<Parameter>, Optimizer> adam(double lr) {
        return new Named("Adam", lr, p -> new Adam(p, AdamConfig.adam().withLr(lr).withEps(EPSILON)));
    }

    /** AdamW: lr 0.001, weight decay 0.004, epsilon 1e-7. */
    public static Function<List<Parameter>, Optimizer> adamw(double lr) {
        return new Named("AdamW", lr,
                p -> new AdamW(p, AdamConfig.adamW().withLr(lr).withEps(EPSILON).withWeightDecay(0.004)));
    }

    /** SGD: lr 0.01, no momentum. */
    public static Function<List<Parameter>, Optimizer> sgd() { return sgd(0.01); }

    public static Function<List<Parameter>, Optimizer> sgd(double lr) {
        return new Named("SGD", lr, p -> new Sgd(p, Sgd.Config.of(lr)));
    }

    /** Adagrad: lr 0.001, initial accumulator 0.1, epsilon 1e-7. */
    public static Function<List<Parameter>, Optimizer> adagrad() { return adagrad(1e-3); }

    public static Function<List<Parameter>, Optimizer> adagrad(double lr) {
        return new Named("Adagrad", lr, p ->
                new Adagrad(p, Adagrad.Config.defaults().withLr(lr).withInitialAccumulatorValue(0.1).withEps(EPSILON)));
    }

    /** By Keras's string name with Keras's default learning rate: rmsprop, adam, adamw, sgd, adagrad. */
    public static Function<List<Parameter>, Optimizer> of(String name) {
        return switch (name) {
            case "rmsprop" -> rmsprop();
            case "adam" -> adam();
            case "adamw" -> adamw(1e-3);
            case "sgd" -> sgd();
            case "adagrad" -> adagrad();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "', expected rmsprop, adam, adamw, sgd or adagrad");
        };
    }
}
