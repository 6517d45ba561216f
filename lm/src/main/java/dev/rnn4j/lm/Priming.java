package dev.rnn4j.lm;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.text.Vocabulary;

/**
 * Reading a priming text before generation, one stream's worth: the state after it and the logits of the character
 * that comes next. {@link TextGenerator} and {@link GenerationService} read primes this one way, so a prime leaves the
 * same bits whichever of them reads it.
 */
final class Priming {
    private Priming() {}

    /**
     * Reads {@code prime} (every character in the vocabulary; empty means a newline, or the vocabulary's first
     * character when it has none) into a one-stream state of {@code inference}; the next character's logits go to
     * {@code last} ({@code V} floats).
     */
    static InferenceModel.State read(CharLanguageModel model, InferenceModel inference, Vocabulary vocabulary,
                                     String prime, float[] last) {
        int[] ids = prime.isEmpty() ? new int[] {Math.max(0, vocabulary.id('\n'))} : vocabulary.encode(prime);
        int v = vocabulary.size();
        InferenceModel.State one = inference.newState(1);
        if (inference.precision() == WeightPrecision.FLOAT32) {
            // The training model reads the whole prime at once, as it always has: the same text as before.
            model.train(false);
            RecurrentState primed = model.zeroState(1);
            float[] all = model.logits(ids, 1, ids.length, primed);
            System.arraycopy(all, (ids.length - 1) * v, last, 0, v);
            one.copyFrom(primed);
        } else {
            for (int id : ids) inference.step(new int[] {id}, one, last);
        }
        return one;
    }
}
