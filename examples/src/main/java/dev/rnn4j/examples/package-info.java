/**
 * {@code ./rnn4j example NAME}: runnable programs for each shape an RNN comes in, on real data with a measured
 * result. One package per example (its model, training and command); no example imports another. What two of
 * them share lives in {@code examples.common} (data files, reviews, the sentiment model {@code generate} judges
 * with) and {@code examples.seqtools} (run files, best-epoch checkpoints, parameters).
 */
package dev.rnn4j.examples;
