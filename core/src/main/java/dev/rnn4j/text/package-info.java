/**
 * Text for character models: {@link dev.rnn4j.text.Vocabulary} (Unicode code points, so Hangul and emoji
 * are one token each), {@link dev.rnn4j.text.CharCorpus} (strict UTF-8, train/validation split) and
 * {@link dev.rnn4j.text.TbpttBatches} (char-rnns contiguous streams for truncated BPTT).
 */
package dev.rnn4j.text;
