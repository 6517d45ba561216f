package dev.rnn4j.examples.common;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained sentiment model from {@code ./rnn4j example sentiment}, for other examples to judge text with.
 *
 * <pre>{@code
 * SentimentClassifier judge = SentimentClassifier.load(Path.of("runs/example-sentiment"));
 * float[] p = judge.positiveProbabilities(List.of("정말 재밌어요"));    // P(positive) per text
 * }</pre>
 */
public final class SentimentClassifier {
    private final SentimentModel model;

    private SentimentClassifier(SentimentModel model) { this.model = model; }

    /** Loads model.json and model.safetensors from {@code dir}; a clear error when they are missing. */
    public static SentimentClassifier load(Path dir) { return new SentimentClassifier(SentimentModel.load(dir)); }

    /** P(positive) of each text. */
    public float[] positiveProbabilities(List<String> texts) { return model.positiveProbabilities(texts); }

    /** "bigru" or "keras-imdb". */
    public String modelName() { return model.config.model(); }
}
