/**
 * {@code example sentiment}: many-to-one. NSMC movie reviews classified positive or negative by a bidirectional
 * GRU over syllables and bigrams, or by the IMDB-style Keras model ({@code SentimentTrainer}).
 */
package dev.rnn4j.examples.sentiment;
