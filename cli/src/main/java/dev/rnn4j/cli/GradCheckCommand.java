package dev.rnn4j.cli;

import dev.rnn4j.check.GradCheck;
import dev.rnn4j.check.GradCheckConfig;
import dev.rnn4j.check.GradCheckResult;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./rnn4j gradcheck}: the fast float32 layer's analytic gradients against central differences of
 * a double-precision reference, every parameter element, the input and the initial states.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check a layer's backward pass against numerical gradients (double precision).",
                "Prints the worst relative error per tensor; exits 1 when any exceeds the tolerance."})
final class GradCheckCommand implements Callable<Integer> {
    @Option(names = "--cell", defaultValue = "lstm",
            description = "lstm, gru, rnn or rnn-relu (default: ${DEFAULT-VALUE})")
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
    @Option(names = "--seed", defaultValue = "1",
            description = "seed for parameters and inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        checkFlags();
        GradCheckConfig config = GradCheckConfig.of(cell).toBuilder()
                .cell(singleCell).sizes(input, hidden).numLayers(layers).bidirectional(bidirectional)
                .bias(!noBias).projSize(proj).packed(packed).batchFirst(!timeMajor)
                .shape(batch, seq).seed(seed).build();
        GradCheckResult result = GradCheck.run(config);
        String table = GradCheck.format(result);
        System.out.print(table.endsWith("\n") ? table : table + "\n");
        return result.passed() ? 0 : 1;
    }

    /** The flags in their ranges, named as on the command line (the library's checks speak its own names). */
    private void checkFlags() {
        Flags.oneOf("--cell", cell, List.of("lstm", "gru", "rnn", "rnn-relu"));
        Flags.atLeast("--layers", layers, 1);
        Flags.atLeast("--input", input, 1);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--batch", batch, 1);
        Flags.atLeast("--seq", seq, 1);
        Flags.atLeast("--proj", proj, 0);
        if (proj > 0 && !cell.equalsIgnoreCase("lstm")) {
            throw new UserError("--proj is the LSTM's projection size: drop it, or use --cell lstm");
        }
        if (proj >= hidden) {
            throw new UserError("--proj must be smaller than --hidden " + hidden + ", got " + proj
                    + ": lower --proj or raise --hidden");
        }
        if (singleCell && (layers > 1 || bidirectional || proj > 0 || packed)) {
            throw new UserError("--single-cell checks one cell step: "
                    + "drop --layers, --bidirectional, --proj and --packed");
        }
    }
}
