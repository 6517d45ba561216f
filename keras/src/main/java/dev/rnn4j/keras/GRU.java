package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentKind;

/**
 * Keras's {@code GRU(units)} with TF2's default {@code reset_after=True}: an input and a recurrent bias,
 * so {@code 3·units·(features + units + 2)} parameters (6,336 for GRU(32) on 32 features). This is
 * exactly PyTorch's GRU, {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}.
 *
 * <pre>{@code
 * Sequential.of(new Embedding(10000, 32), new GRU(32), new Dense(1, Activation.SIGMOID));
 * new GRU(32).resetAfter(false);      // Keras 2's GRU: 3,168 parameters on 32 features
 * }</pre>
 */
public final class GRU extends Recurrent {
    boolean resetAfter = true;

    public GRU(int units) { super(RecurrentKind.GRU, units); }

    /**
     * False applies the reset gate before the recurrent product, {@code h̃ = tanh(W x + U (r ⊙ h) + b)}
     * (Keras's {@code reset_after=False}, Keras 2's default), with one bias vector:
     * {@code 3·units·(features + units + 1)} parameters. True (the default) is TF2's and PyTorch's GRU.
     */
    public GRU resetAfter(boolean on) {
        requireNotBuilt();
        this.resetAfter = on;
        return this;
    }

    public boolean isResetAfter() { return resetAfter; }

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
