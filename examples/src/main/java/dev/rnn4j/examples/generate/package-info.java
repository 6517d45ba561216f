/**
 * {@code example generate}: one-to-many. A character LSTM conditioned on a sentiment label writes reviews
 * ({@code ConditionedCharModel}, {@code GeneratorTrainer}); the sentiment model judges whether they carry the
 * requested label.
 */
package dev.rnn4j.examples.generate;
