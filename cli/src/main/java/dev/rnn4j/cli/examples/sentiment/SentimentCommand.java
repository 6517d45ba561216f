package dev.rnn4j.cli.examples.sentiment;

import picocli.CommandLine.Command;

@Command(name = "sentiment", mixinStandardHelpOptions = true)
public final class SentimentCommand implements Runnable {
    @Override
    public void run() {}
}
