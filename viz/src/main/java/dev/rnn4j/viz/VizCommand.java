package dev.rnn4j.viz;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./rnn4j viz}: pages that show what happens inside a recurrent network, each one self-contained
 * HTML file that opens offline.
 *
 * <pre>{@code
 * ./rnn4j viz cells --checkpoint runs/tinyshakespeare-lstm --text data.txt --out cells.html
 * ./rnn4j viz gradients --cell rnn,lstm,gru --out gradients.html
 * ./rnn4j viz training --run runs/a --run runs/b --out training.html
 * }</pre>
 */
@Command(name = "viz", mixinStandardHelpOptions = true,
        description = "Seeing inside: interpretable cells, vanishing gradients, training curves.",
        subcommands = {CellsCommand.class, GradientsCommand.class, TrainingCommand.class})
public final class VizCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
