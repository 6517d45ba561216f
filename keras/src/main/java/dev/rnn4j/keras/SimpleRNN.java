package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentKind;

/**
 * Keras's {@code SimpleRNN(units)}: {@code h_t = tanh(x_t·W + h_(t−1)·U + b)}, one bias vector, so
 * {@code units·(features + units + 1)} parameters: 2,080 for SimpleRNN(32) on 32 features
 * (the IMDB-style Keras model).
 *
 * <pre>{@code
 * Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID));
 * new SimpleRNN(32).returnSequences(true);        // output (None, None, 32)
 * new SimpleRNN(32).activation(Activation.RELU);
 * }</pre>
 */
public final class SimpleRNN extends Recurrent {
    public SimpleRNN(int units) { super(RecurrentKind.RNN, units); }

    /** TANH (default) or RELU. */
    public SimpleRNN activation(Activation activation) {
        if (activation != Activation.TANH && activation != Activation.RELU) {
            throw new IllegalArgumentException("SimpleRNN activation must be TANH or RELU, got " + activation);
        }
        requireNotBuilt();
        this.activation = activation;
        return this;
    }

    @Override
    public SimpleRNN returnSequences(boolean on) {
        super.returnSequences(on);
        return this;
    }

    @Override
    public SimpleRNN returnState(boolean on) {
        super.returnState(on);
        return this;
    }

    @Override
    public String typeName() { return "SimpleRNN"; }
}
