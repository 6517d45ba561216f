/**
 * The {@code rnn4j} command: {@link dev.rnn4j.cli.Main} and the thin commands {@code train}, {@code sample},
 * {@code eval}, {@code average}, {@code gradcheck} and {@code bench}, each reading its options, checking them
 * ({@code InputChecks}) and calling the library ({@code dev.rnn4j.lm}, {@code dev.rnn4j.check}); {@code example}
 * and {@code viz} are mounted from their modules. To add a command: a picocli {@code @Command} class here, listed
 * in {@code Main}'s subcommands, bad input thrown as {@code UserError}, and a test beside the others.
 */
package dev.rnn4j.cli;
