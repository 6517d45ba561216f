/**
 * The Keras-style API over the rnn4j engine: {@code Sequential}, {@code summary()}, {@code compile} and
 * {@code fit}, and Keras weight files.
 */
module dev.rnn4j.keras {
    requires transitive dev.rnn4j.core;

    exports dev.rnn4j.keras;
}
