package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of Keras's {@code fit} beyond x and y. Keras's defaults: 1 epoch, batch size 32, no
 * validation, shuffling on. {@code validationSplit} takes the last fraction of the examples (before any
 * shuffling) for validation, as Keras does; {@code validationX/Y} give validation data instead.
 *
 * <pre>{@code
 * FitConfig c = FitConfig.defaults().withEpochs(10).withBatchSize(128).withValidationSplit(0.2)
 *         .withEarlyStopping(EarlyStopping.onValLoss(2).withRestoreBestWeights(true))
 *         .withReduceLROnPlateau(ReduceLROnPlateau.onValLoss(0.5, 1))
 *         .withListener(ConsoleProgress.bar(System.out));
 * }</pre>
 */
public record FitConfig(int epochs, int batchSize, double validationSplit, Tensor validationX, Tensor validationY,
                        boolean shuffle, EarlyStopping earlyStopping, ReduceLROnPlateau reduceLROnPlateau,
                        List<TrainingListener> listeners) {
    public FitConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + validationSplit);
        }
        if ((validationX == null) != (validationY == null)) {
            throw new IllegalArgumentException("validationX and validationY go together");
        }
        if (validationX != null && validationSplit > 0) {
            throw new IllegalArgumentException("give validation data or a validationSplit, not both");
        }
        listeners = List.copyOf(listeners);
    }

    public static FitConfig defaults() { return new FitConfig(1, 32, 0, null, null, true, null, null, List.of()); }

    public FitConfig withEpochs(int v) {
        return new FitConfig(v, batchSize, validationSplit, validationX, validationY, shuffle, earlyStopping,
                reduceLROnPlateau, listeners);
    }

    public FitConfig withBatchSize(int v) {
        return new FitConfig(epochs, v, validationSplit, validationX, validationY, shuffle, earlyStopping,
                reduceLROnPlateau, listeners);
    }

    public FitConfig withValidationSplit(double v) {
        return new FitConfig(epochs, batchSize, v, validationX, validationY, shuffle, earlyStopping,
                reduceLROnPlateau, listeners);
    }

    public FitConfig withValidationData(Tensor x, Tensor y) {
        return new FitConfig(epochs, batchSize, validationSplit, x, y, shuffle, earlyStopping, reduceLROnPlateau,
                listeners);
    }

    public FitConfig withShuffle(boolean v) {
        return new FitConfig(epochs, batchSize, validationSplit, validationX, validationY, v, earlyStopping,
                reduceLROnPlateau, listeners);
    }

    public FitConfig withEarlyStopping(EarlyStopping v) {
        return new FitConfig(epochs, batchSize, validationSplit, validationX, validationY, shuffle, v,
                reduceLROnPlateau, listeners);
    }

    /** Keras's {@code ReduceLROnPlateau} callback, run after each epoch (before early stopping looks). */
    public FitConfig withReduceLROnPlateau(ReduceLROnPlateau v) {
        return new FitConfig(epochs, batchSize, validationSplit, validationX, validationY, shuffle, earlyStopping, v,
                listeners);
    }

    /** Adds a listener (they are called in the order added). */
    public FitConfig withListener(TrainingListener l) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(l);
        return new FitConfig(epochs, batchSize, validationSplit, validationX, validationY, shuffle, earlyStopping,
                reduceLROnPlateau, all);
    }
}
