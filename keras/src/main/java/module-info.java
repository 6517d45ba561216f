/**
 * The Keras-style API over the rnn4j engine: {@code Sequential}, {@code summary()}, {@code compile} and
 * {@code fit}, and Keras model files in and out ({@code dev.rnn4j.keras.io}, HDF5 through jhdf).
 */
module dev.rnn4j.keras {
    requires transitive dev.rnn4j.core;
    requires io.jhdf;

    exports dev.rnn4j.keras;
    exports dev.rnn4j.keras.io;
}
