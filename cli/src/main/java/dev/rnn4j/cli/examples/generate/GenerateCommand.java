package dev.rnn4j.cli.examples.generate;

import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true)
public final class GenerateCommand implements Runnable {
    @Override
    public void run() {}
}
