/**
 * Run bookkeeping the sequence examples share: the run directory's files ({@code RunFiles}), keeping the best
 * epoch's weights ({@code BestEpoch}), a model's parameters in one named buffer ({@code ModelParameters}), text
 * lines and the {@code --threads} option. Vocabularies, batching, BLEU and beam search are in the library
 * ({@code dev.rnn4j.text}, {@code dev.rnn4j.decode}).
 */
package dev.rnn4j.examples.seqtools;
