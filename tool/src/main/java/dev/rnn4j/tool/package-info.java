/**
 * What every command shares: {@link dev.rnn4j.tool.UserError} (bad input, printed by
 * {@link dev.rnn4j.tool.CommandLines} as one {@code rnn4j:} line, exit 2), {@link dev.rnn4j.tool.Progress} (the
 * progress bar on a terminal, plain lines otherwise) and {@link dev.rnn4j.tool.Corpus} (the training text: a
 * file, or the embedded tinyshakespeare).
 */
package dev.rnn4j.tool;
