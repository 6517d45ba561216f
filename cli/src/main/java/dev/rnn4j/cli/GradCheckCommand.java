package dev.rnn4j.cli;

import dev.rnn4j.check.GradCheck;
import dev.rnn4j.check.GradCheckConfig;
import dev.rnn4j.check.GradCheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code ./rnn4j gradcheck}: the fast float32 layer's analytic gradients against central differences of
 * a double-precision reference, every parameter element, the input and the initial states.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check a layer's backward pass against numerical gradients (double precision).",
                "Prints the worst relative error per tensor; exits 1 when any exceeds the tolerance."})
final class GradCheckCommand implements Callable<Integer> {
    @Option(names = "--cell", defaultValue = "lstm", description = "lstm, gru, rnn or rnn-relu (default: ${DEFAULT-VALUE})")
    String cell;
    @Option(names = "--layers", defaultValue = "1", description = "number of layers (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--bidirectional", description = "both directions")
    boolean bidirectional;
    @Option(names = "--proj", defaultValue = "0", description = "LSTM projection size, 0 = none")
    int proj;
    @Option(names = "--packed", description = "variable lengths in one batch")
    boolean packed;
    @Option(names = "--no-bias", description = "layers without bias")
    boolean noBias;
    @Option(names = "--time-major", description = "(T, B, I) input instead of batch-first")
    boolean timeMajor;
    @Option(names = "--single-cell", description = "check the one-step cell (RnnCell, LstmCell, GruCell)")
    boolean singleCell;
    @Option(names = "--input", defaultValue = "3", description = "input size (default: ${DEFAULT-VALUE})")
    int input;
    @Option(names = "--hidden", defaultValue = "4", description = "hidden size (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--batch", defaultValue = "3", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--seq", defaultValue = "4", description = "sequence length (default: ${DEFAULT-VALUE})")
    int seq;
    @Option(names = "--seed", defaultValue = "1", description = "seed for parameters and inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        GradCheckConfig config = GradCheckConfig.of(cell)
                .withCell(singleCell).withSizes(input, hidden).withLayers(layers).withBidirectional(bidirectional)
                .withBias(!noBias).withProjSize(proj).withPacked(packed).withBatchFirst(!timeMajor)
                .withShape(batch, seq).withSeed(seed);
        GradCheckResult result = GradCheck.run(config);
        String table = GradCheck.format(result);
        System.out.print(table.endsWith("\n") ? table : table + "\n");
        return result.passed() ? 0 : 1;
    }
}
