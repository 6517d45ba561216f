package dev.rnn4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./rnn4j example NAME}: runnable programs for each shape an RNN comes in (many-to-one,
 * many-to-many, sequence-to-sequence, one-to-many), each on real data with a measured result.
 * Every example is its own subcommand in its own package under {@code dev.rnn4j.examples}; no example imports
 * another: what two of them need lives in {@code examples.common} and {@code examples.seqtools}.
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Runnable examples of every RNN shape on real data.",
        subcommands = {
            // one line per example: many-to-one, many-to-many, sequence-to-sequence, one-to-many, then the basics
            dev.rnn4j.examples.sentiment.SentimentCommand.class,
            dev.rnn4j.examples.postag.PostagCommand.class,
            dev.rnn4j.examples.translate.TranslateCommand.class,
            dev.rnn4j.examples.generate.GenerateCommand.class,
            dev.rnn4j.examples.basics.BasicsCommand.class,
        })
public final class ExampleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
