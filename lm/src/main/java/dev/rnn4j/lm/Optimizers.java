package dev.rnn4j.lm;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Adagrad;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.AdamW;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.optim.RmsProp;
import dev.rnn4j.optim.Sgd;

import java.util.List;

/**
 * Optimizers by the names the command line uses, with PyTorch's defaults apart from the learning rate and weight decay.
 */
public final class Optimizers {
    public static final List<String> NAMES = List.of("adam", "adamw", "rmsprop", "adagrad", "sgd");

    private Optimizers() {}

    public static void requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "', expected one of "
                    + String.join(", ", NAMES));
        }
    }

    /** PyTorch's default weight decay for {@code name}: 0.01 for AdamW, 0 for the others. */
    public static double defaultWeightDecay(String name) {
        requireKnown(name);
        return name.equals("adamw") ? AdamConfig.adamW().weightDecay() : 0;
    }

    public static Optimizer create(String name, List<Parameter> parameters, double lr, double weightDecay) {
        requireKnown(name);
        return switch (name) {
            case "adam" -> new Adam(parameters, AdamConfig.adam().withLr(lr).withWeightDecay(weightDecay));
            case "adamw" -> new AdamW(parameters, AdamConfig.adamW().withLr(lr).withWeightDecay(weightDecay));
            // char-rnn's RMSprop decay rate is 0.95 (PyTorch's default alpha is 0.99).
            case "rmsprop" -> new RmsProp(parameters, new RmsProp.Config(lr, 0.95, 1e-8, weightDecay, 0, false));
            case "adagrad" ->
                    new Adagrad(parameters, Adagrad.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            case "sgd" -> new Sgd(parameters, Sgd.Config.defaults().withLr(lr).withWeightDecay(weightDecay));
            default -> throw new IllegalStateException(name);
        };
    }
}
