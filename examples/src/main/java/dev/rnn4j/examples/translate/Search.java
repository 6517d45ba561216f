package dev.rnn4j.examples.translate;

import dev.rnn4j.decode.BeamSearch;
import dev.rnn4j.decode.StepDecoder;
import dev.rnn4j.tensor.Tensor;

/**
 * The translation model driven by the library's {@link BeamSearch}: greedy for a whole batch at once, or
 * beam search over one sentence. The decoder's state is the encoding it attends over (one row per
 * hypothesis) and its recurrent state.
 *
 * <pre>{@code
 * int[][] greedy = Search.greedy(model, encoded, 30);          // token ids per sentence, without <eos>
 * int[] best = Search.beam(model, Seq2Seq.select(encoded, new int[] {i}), 5, 30);
 * }</pre>
 */
final class Search {
    static final double LENGTH_ALPHA = BeamSearch.LENGTH_ALPHA;

    private Search() {}

    /** What the decoder carries from step to step, one row per sentence or hypothesis. */
    private record State(Seq2Seq.Encoded encoded, Tensor h, Tensor c) {}

    private record Decoder(Seq2Seq model) implements StepDecoder<State> {
        @Override
        public Step<State> step(int[] previous, State s) {
            Seq2Seq.Step step = model.step(s.encoded(), previous, s.h(), s.c());
            return new Step<>(step.logits(), new State(s.encoded(), step.h(), step.c()));
        }

        @Override
        public State select(State s, int[] rows) {
            return new State(Seq2Seq.select(s.encoded(), rows), Seq2Seq.gather(s.h(), rows),
                    Seq2Seq.gather(s.c(), rows));
        }

        @Override
        public int vocabularySize() { return model.targetVocabSize(); }
    }

    static int[][] greedy(Seq2Seq model, Seq2Seq.Encoded e, int maxLength) {
        return BeamSearch.greedy(new Decoder(model), new State(e, e.h(), e.c()), e.batchSize(), Seq2SeqVocabs.SOS,
                Seq2SeqVocabs.EOS, maxLength);
    }

    /**
     * Beam search over one sentence ({@code e} of batch size 1); the best finished hypothesis, without {@code <eos>}.
     */
    static int[] beam(Seq2Seq model, Seq2Seq.Encoded e, int beamSize, int maxLength) {
        if (e.batchSize() != 1) {
            throw new IllegalArgumentException("beam search takes one sentence, got a batch of " + e.batchSize());
        }
        if (beamSize < 1) throw new IllegalArgumentException("--beam must be at least 1, got " + beamSize);
        return BeamSearch.beam(new Decoder(model), new State(e, e.h(), e.c()), Seq2SeqVocabs.SOS, Seq2SeqVocabs.EOS,
                beamSize, maxLength);
    }
}
