/**
 * Text for character and token models. Characters: {@link dev.rnn4j.text.Vocabulary} (Unicode code points,
 * so Hangul and emoji are one token each), {@link dev.rnn4j.text.CharCorpus} (strict UTF-8, train/validation
 * split) and {@link dev.rnn4j.text.TbpttBatches} (char-rnn's contiguous streams for truncated BPTT).
 * Tokens: {@link dev.rnn4j.text.TokenVocabulary} (words, characters or tags with special entries first),
 * {@link dev.rnn4j.text.PaddedBatch} (variable-length sequences padded into one array, with their lengths),
 * {@link dev.rnn4j.text.LengthBatches} (batches of similar length, so little is padding) and
 * {@link dev.rnn4j.text.Bleu} (corpus BLEU-4 for translations).
 */
package dev.rnn4j.text;
