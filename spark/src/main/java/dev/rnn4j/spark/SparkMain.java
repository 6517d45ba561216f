package dev.rnn4j.spark;

import dev.rnn4j.tool.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./rnn4j spark ...} and the main class of the jar for {@code spark-submit}: data-parallel training,
 * batch scoring, and a local standalone cluster.
 *
 * <pre>
 * ./rnn4j spark train --master local[2] --data shakespeare.txt --max-steps 500
 * spark-submit --class dev.rnn4j.spark.SparkMain --master spark://HOST:7077 rnn4j-spark.jar train --data hdfs:///t.txt
 * </pre>
 */
@Command(name = "rnn4j spark", mixinStandardHelpOptions = true,
        description = "Train the character LM data-parallel, and score data sets, on Apache Spark.",
        subcommands = {SparkTrainCommand.class, SparkScoreCommand.class, SparkKerasPredictCommand.class,
                ClusterCommand.class})
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command as every rnn4j command runs: bad input is one {@code rnn4j:} line on stderr, exit code 2. */
    static int run(String... args) {
        return CommandLines.execute(new SparkMain(), args);
    }
}
