/**
 * {@code example basics}: PyTorch's RNN basics (the shapes of "hello", the hihello, charseq and longseq character
 * exercises in {@code CharRnnLab}) and the Keras SimpleRNN chapter (its RNN as a plain loop in
 * {@code PlainRnnLoop}, its models' summaries), printing what the tutorials print.
 */
package dev.rnn4j.examples.basics;
