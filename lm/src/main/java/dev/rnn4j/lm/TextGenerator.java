package dev.rnn4j.lm;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.Vocabulary;

/**
 * Generates text from a character model one code point at a time: the priming text is read first (its
 * state carried), then each sampled character is fed back in. Same seed, same text.
 *
 * <pre>{@code
 * TextGenerator g = new TextGenerator(model, vocab, new SamplingConfig(0.8, 0, 1, false), 7);
 * g.generate("ROMEO:", 200, (token, probs) -> System.out.print(vocab.decode(token)));
 * g.generate("ROMEO:", 200, 64, (stream, token) -> texts[stream].append(vocab.decode(token)));
 * }</pre>
 *
 * Several streams are generated together, one matrix product per layer and character for all of them
 * ({@link InferenceModel}); stream i draws from {@code new Rng(seed + i)}, so it writes exactly the text a
 * single stream with seed {@code seed + i} writes. The prime is read once and its state shared.
 */
public final class TextGenerator {
    /** Receives each generated token with the distribution it was drawn from (temperature applied). */
    @FunctionalInterface
    public interface TokenSink {
        void accept(int token, double[] probabilities);
    }

    /** Receives each generated token of each stream, streams in order within a step. */
    @FunctionalInterface
    public interface StreamSink {
        void accept(int stream, int token);
    }

    /** What the generation loop hands on: a token and the logits it was drawn from. */
    private interface Emit {
        void accept(int stream, int token, float[] logits, int off);
    }

    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final SamplingConfig sampling;
    private final long seed;
    private final InferenceModel inference;

    public TextGenerator(CharLanguageModel model, Vocabulary vocabulary, SamplingConfig sampling, long seed) {
        this(model, vocabulary, sampling, seed, WeightPrecision.FLOAT32);
    }

    /** With the model's weights converted to {@code precision} for generation (the model is not changed). */
    public TextGenerator(CharLanguageModel model, Vocabulary vocabulary, SamplingConfig sampling, long seed,
                         WeightPrecision precision) {
        if (vocabulary.size() != model.config().vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " characters, model expects "
                    + model.config().vocabSize());
        }
        this.model = model;
        this.vocabulary = vocabulary;
        this.sampling = sampling;
        this.seed = seed;
        this.inference = InferenceModel.of(model, precision);
    }

    /**
     * Reads {@code prime} (every character must be in the vocabulary; empty means a newline, or the first
     * character of the vocabulary when it has none) and emits {@code length} new characters.
     */
    public void generate(String prime, int length, TokenSink sink) {
        double[] probs = new double[vocabulary.size()];
        double temperature = sampling.greedy() ? 1.0 : sampling.temperature();
        run(prime, length, 1, (stream, token, logits, off) -> {
            Sampler.probabilities(logits, off, temperature, probs);
            sink.accept(token, probs);
        });
    }

    /** {@code streams} independent texts of {@code length} characters after the same prime. */
    public void generate(String prime, int length, int streams, StreamSink sink) {
        if (streams < 1) throw new IllegalArgumentException("streams must be >= 1, got " + streams);
        run(prime, length, streams, (stream, token, logits, off) -> sink.accept(stream, token));
    }

    private void run(String prime, int length, int n, Emit emit) {
        if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
        int v = vocabulary.size();
        float[] last = new float[v];
        InferenceModel.State state = inference.newState(n);
        state.copyFrom(Priming.read(model, inference, vocabulary, prime, last), 0);
        float[] logits = new float[n * v];
        Sampler[] samplers = new Sampler[n];
        for (int b = 0; b < n; b++) {
            System.arraycopy(last, 0, logits, b * v, v);
            samplers[b] = new Sampler(v, sampling, new Rng(seed + b));
        }
        int[] tokens = new int[n];
        for (int i = 0; i < length; i++) {
            for (int b = 0; b < n; b++) {
                tokens[b] = samplers[b].next(logits, b * v);
                emit.accept(b, tokens[b], logits, b * v);
            }
            if (i + 1 < length) inference.step(tokens, state, logits);
        }
    }
}
