package dev.rnn4j.keras;

/**
 * The metrics {@code compile} accepts. {@code accuracy} (or {@code acc}) is binary accuracy at threshold 0.5
 * for {@code binary_crossentropy} and arg-max accuracy for {@code sparse_categorical_crossentropy}, as Keras
 * chooses; padded steps of a masked sequence output are not counted.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "acc");
 * }</pre>
 */
public enum Metric {
    ACCURACY;

    public static Metric of(String name) {
        if (name.equals("accuracy") || name.equals("acc")) return ACCURACY;
        throw new IllegalArgumentException("unknown metric '" + name + "', expected accuracy (or acc)");
    }
}
