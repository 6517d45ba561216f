package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentKind;

/**
 * Keras's {@code LSTM(units)}: four gates, one bias vector, so {@code 4·units·(features + units + 1)}
 * parameters (8,320 for LSTM(32) on 32 features). The forget gate's bias starts at 1
 * ({@code unit_forget_bias}); the math is PyTorch's LSTM, gate rows [i, f, g, o].
 *
 * <pre>{@code
 * Sequential.of(new Embedding(10000, 32), new LSTM(32), new Dense(1, Activation.SIGMOID));
 * new Bidirectional(new LSTM(32).returnSequences(true));
 * }</pre>
 */
public final class LSTM extends Recurrent {
    public LSTM(int units) { super(RecurrentKind.LSTM, units); }

    @Override
    public LSTM returnSequences(boolean on) {
        super.returnSequences(on);
        return this;
    }

    @Override
    public LSTM returnState(boolean on) {
        super.returnState(on);
        return this;
    }

    @Override
    public String typeName() { return "LSTM"; }
}
