package dev.rnn4j.decode;

/**
 * A model that writes one token at a time, as the searches in {@link BeamSearch} drive it: given the previous
 * token of each of K rows and their state, the next-token logits of every row and the state after the step.
 * The state is whatever the model carries (recurrent h and c, the encoder outputs it attends over, ...).
 *
 * <pre>{@code
 * record State(Tensor h, Tensor c) {}
 * StepDecoder<State> d = new StepDecoder<>() {
 *     public Step<State> step(int[] previous, State s) { ...; return new Step<>(logits, new State(h, c)); }
 *     public State select(State s, int[] rows) { return new State(gather(s.h(), rows), gather(s.c(), rows)); }
 *     public int vocabularySize() { return V; }
 * };
 * }</pre>
 *
 * @param <S> the decoder's state for a batch of rows
 */
public interface StepDecoder<S> {
    /** One step for every row: {@code previous.length} rows in, logits (rows, V) row-major and the new state out. */
    Step<S> step(int[] previous, S state);

    /** The state of rows {@code rows} of {@code state}, in this order; a row may repeat (one copy per hypothesis). */
    S select(S state, int[] rows);

    /** V, the number of logits per row. */
    int vocabularySize();

    /**
     * The result of one step.
     *
     * @param logits (rows, V) unnormalised log-probabilities of the next token
     * @param state  the state after reading the previous tokens
     */
    record Step<S>(float[] logits, S state) {}
}
