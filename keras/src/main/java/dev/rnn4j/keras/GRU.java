package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentKind;

/**
 * Keras's {@code GRU(units)} with TF2's default {@code reset_after=True}: an input and a recurrent bias,
 * so {@code 3·units·(features + units + 2)} parameters (6,336 for GRU(32) on 32 features). This is
 * exactly PyTorch's GRU, {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}.
 *
 * <pre>{@code
 * Sequential.of(new Embedding(10000, 32), new GRU(32), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class GRU extends Recurrent {
    public GRU(int units) { super(RecurrentKind.GRU, units); }

    @Override
    public GRU returnSequences(boolean on) {
        super.returnSequences(on);
        return this;
    }

    @Override
    public GRU returnState(boolean on) {
        super.returnState(on);
        return this;
    }

    @Override
    public String typeName() { return "GRU"; }
}
