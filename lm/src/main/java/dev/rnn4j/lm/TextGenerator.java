package dev.rnn4j.lm;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.Vocabulary;

/**
 * Generates text from a character model one code point at a time: the priming text is read first (its
 * state carried), then each sampled character is fed back in. Same seed, same text.
 *
 * <pre>{@code
 * TextGenerator g = new TextGenerator(model, vocab, new SamplingConfig(0.8, 0, 1, false), 7);
 * g.generate("ROMEO:", 200, (token, probs) -> System.out.print(vocab.decode(token)));
 * }</pre>
 */
public final class TextGenerator {
    /** Receives each generated token with the distribution it was drawn from (temperature applied). */
    @FunctionalInterface
    public interface TokenSink {
        void accept(int token, double[] probabilities);
    }

    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final SamplingConfig sampling;
    private final Sampler sampler;

    public TextGenerator(CharLanguageModel model, Vocabulary vocabulary, SamplingConfig sampling, long seed) {
        if (vocabulary.size() != model.config().vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " characters, model expects "
                    + model.config().vocabSize());
        }
        this.model = model;
        this.vocabulary = vocabulary;
        this.sampling = sampling;
        this.sampler = new Sampler(vocabulary.size(), sampling, new Rng(seed));
    }

    /**
     * Reads {@code prime} (every character must be in the vocabulary; empty means a newline, or the first
     * character of the vocabulary when it has none) and emits {@code length} new characters.
     */
    public void generate(String prime, int length, TokenSink sink) {
        if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
        int[] primeIds = prime.isEmpty() ? new int[] {Math.max(0, vocabulary.id('\n'))} : vocabulary.encode(prime);
        model.train(false);
        RecurrentState state = model.zeroState(1);
        int v = vocabulary.size();
        float[] logits = model.logits(primeIds, 1, primeIds.length, state);
        int lastRow = (primeIds.length - 1) * v;
        double[] probs = new double[v];
        int[] next = new int[1];
        for (int i = 0; i < length; i++) {
            int token = sampler.next(logits, lastRow);
            Sampler.probabilities(logits, lastRow, sampling.greedy() ? 1.0 : sampling.temperature(), probs);
            sink.accept(token, probs);
            next[0] = token;
            logits = model.logits(next, 1, 1, state);
            lastRow = 0;
        }
    }
}
