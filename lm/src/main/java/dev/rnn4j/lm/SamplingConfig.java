package dev.rnn4j.lm;

/**
 * How the next character is picked from the model's logits.
 *
 * <pre>{@code
 * SamplingConfig c = new SamplingConfig(0.8, 40, 0.95, false);   // temperature, top-k, top-p, greedy
 * }</pre>
 *
 * @param temperature divides the logits; below 1 sharpens, above 1 flattens (must be > 0)
 * @param topK        keep only the k most likely characters (0 = all)
 * @param topP        keep the smallest set whose probability reaches p (1 = all)
 * @param greedy      always take the most likely character (temperature, top-k, top-p ignored)
 */
public record SamplingConfig(double temperature, int topK, double topP, boolean greedy) {
    public static final SamplingConfig DEFAULT = new SamplingConfig(1.0, 0, 1.0, false);

    public SamplingConfig {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0 keeps all), got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
    }
}
