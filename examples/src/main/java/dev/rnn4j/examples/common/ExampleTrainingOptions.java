package dev.rnn4j.examples.common;

import dev.rnn4j.tool.Flags;
import picocli.CommandLine.Option;

/**
 * {@code --epochs}, {@code --batch-size}, {@code --lr} and {@code --seed} of the examples that train a model, as a
 * picocli mixin whose defaults are the example's own: picocli keeps the values of the instance the command holds,
 * and the help shows them.
 *
 * <pre>{@code
 * @Mixin ExampleTrainingOptions training = new ExampleTrainingOptions(12, 32, 2e-3, 1);
 * public void run() { training.check(); ... new Rng(training.seed()) ... }
 * }</pre>
 */
public final class ExampleTrainingOptions {
    @Option(names = "--epochs", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", description = "training examples per step (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--seed", description = "seed for all of the run's random numbers (default: ${DEFAULT-VALUE})")
    long seed;

    /** The example's defaults, which picocli shows in the help and keeps when a flag is not given. */
    public ExampleTrainingOptions(int epochs, int batchSize, double lr, long seed) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.lr = lr;
        this.seed = seed;
    }

    public int epochs() { return epochs; }

    public int batchSize() { return batchSize; }

    public double lr() { return lr; }

    public long seed() { return seed; }

    /** Each value in its range: at least one epoch and one example per step, a positive finite rate. */
    public void check() {
        Flags.atLeast("--epochs", epochs, 1);
        Flags.atLeast("--batch-size", batchSize, 1);
        Flags.positive("--lr", lr);
    }
}
