/**
 * {@code example translate}: sequence to sequence. A bidirectional LSTM/GRU encoder and an attentional decoder
 * ({@code Seq2Seq}, with the library's {@code LuongAttention}) trained on Tatoeba pairs or synthetic tasks,
 * decoded greedily or by beam search ({@code Search} over the library's {@code BeamSearch}) and scored with BLEU.
 */
package dev.rnn4j.examples.translate;
