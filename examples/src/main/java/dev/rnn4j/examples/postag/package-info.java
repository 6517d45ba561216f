/**
 * {@code example postag}: many-to-many, one tag per word. Universal Dependencies treebanks ({@code Conllu}) tagged
 * by a bidirectional LSTM over word embeddings and a character encoder of each word ({@code PosTagger}), with
 * accuracy on seen and unseen words ({@code TagMetrics}).
 */
package dev.rnn4j.examples.postag;
