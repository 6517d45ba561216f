package dev.rnn4j.spark;

import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rnn4j spark cluster start|stop}: a standalone cluster on 127.0.0.1 (a Master and Workers, each a JVM)
 * that outlives the command; {@code stop} ends the processes {@code start} recorded.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start or stop a Spark standalone cluster on this machine (127.0.0.1): a Master and Workers, "
                + "each its own JVM, from the Spark jars the build copied (or SPARK_HOME).",
                "Then: ./rnn4j spark train --master spark://127.0.0.1:PORT ..."})
final class ClusterCommand implements Runnable {
    @Parameters(paramLabel = "start|stop", description = "start or stop")
    String action;
    @Option(names = "--workers", defaultValue = "2", description = "Workers to start (default: ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--cores", defaultValue = "1", description = "cores each Worker offers (default: ${DEFAULT-VALUE})")
    int cores;
    @Option(names = "--port", defaultValue = "7077", description = "the Master's port (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--dir", defaultValue = "runs/spark-cluster",
            description = "logs, scratch space and the process ids (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public void run() {
        if (!action.equals("start") && !action.equals("stop")) {
            throw new UserError("unknown command '" + action + "'; did you mean 'start' or 'stop'? (see: rnn4j spark "
                    + "cluster --help)");
        }
        Flags.atLeast("--workers", workers, 1);
        Flags.atLeast("--cores", cores, 1);
        Flags.atLeast("--port", port, 1);
        if (port > 65_535) throw new UserError("--port must be at most 65535, got " + port);
        Path pids = dir.resolve("pids");
        if (action.equals("start")) {
            OutputPaths.requireWritableDirectory("--dir", dir);
            start(pids);
        } else {
            stop(pids);
        }
    }

    private void start(Path pids) {
        if (Files.exists(pids)) {
            throw new IllegalArgumentException("a cluster started from " + dir
                    + " may still run: ./rnn4j spark cluster stop first");
        }
        String home = System.getenv("SPARK_HOME");
        if (home == null) throw new IllegalArgumentException("SPARK_HOME is not set (./rnn4j sets it to "
                + "spark/target/spark-home)");
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(Path.of(home), workers, cores, dir, Duration.ofSeconds(180), port);
        } catch (IllegalStateException e) {   // the Master or a Worker did not come up: its log says why
            throw new UserError(e.getMessage() + "; check the logs in " + dir.resolve("logs"));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.valueOf(cluster.master().pid()));
        cluster.workers().forEach(w -> lines.add(String.valueOf(w.pid())));
        try {
            Files.write(pids, lines);
        } catch (IOException e) {
            cluster.close();
            throw new IllegalArgumentException("cannot write " + pids + ": " + e.getMessage());
        }
        System.out.println("Spark master " + cluster.masterUrl() + " with " + workers + " workers; logs in "
                + dir.resolve("logs"));
        System.out.println("next: ./rnn4j spark train --master " + cluster.masterUrl() + " --data FILE ...; "
                + "then ./rnn4j spark cluster stop");
    }

    private void stop(Path pids) {
        if (!Files.exists(pids)) throw new IllegalArgumentException("no cluster recorded in " + dir
                + " (nothing to stop)");
        try {
            for (String line : Files.readAllLines(pids)) {
                ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                    p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                        p.destroyForcibly();
                        return p;
                    }).join();
                });
            }
            Files.delete(pids);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pids + ": " + e.getMessage());
        }
        System.out.println("stopped the cluster of " + dir);
    }
}
