package dev.rnn4j.viz;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.SamplingConfig;
import dev.rnn4j.lm.TextGenerator;

/**
 * A short prime continued with the model's own sample, so the cells page has enough text to show what the
 * cells follow and to rank them ({@link CellRanking#MIN_CHARS}). Sampled at temperature 0.8 with a fixed seed:
 * the same checkpoint and prime give the same page.
 */
final class OwnSample {
    /** How long a primed text becomes (at most {@code --max-chars}). */
    static final int LENGTH = 1000;

    private OwnSample() {}

    /** {@code prime} followed by the model's sample up to {@code length} code points; a longer prime as it is. */
    static String continued(CharLmCheckpoint.Loaded c, String prime, int length) {
        int have = prime.codePointCount(0, prime.length());
        if (have >= length) return prime;
        StringBuilder sb = new StringBuilder(prime);
        new TextGenerator(c.model(), c.vocabulary(), new SamplingConfig(0.8, 0, 1.0, false), 1)
                .generate(prime, length - have, (token, probabilities) -> sb.append(c.vocabulary().decode(token)));
        return sb.toString();
    }
}
