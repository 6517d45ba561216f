package dev.rnn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and {@code workers} Workers, each its own JVM started from a
 * Spark home's {@code jars/} (Workers start executors as JVMs of their own). For tests and for trying the cluster
 * mode on one machine; every port is on loopback.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(sparkHome, 2, 1, workDir, Duration.ofSeconds(60))) {
 *     ... new SparkConf().setMaster(cluster.masterUrl()) ...
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private final Process master;
    private final List<Process> workers;
    private final int port;

    private LocalCluster(Process master, List<Process> workers, int port) {
        this.master = master;
        this.workers = workers;
        this.port = port;
    }

    /**
     * Starts the cluster and waits until every Worker has registered.
     *
     * @param sparkHome      a directory whose {@code jars/} holds Spark and its dependencies
     * @param coresPerWorker cores each Worker offers (one executor per Worker uses them all)
     * @param workDir        logs and the Workers' scratch space
     */
    public static LocalCluster start(Path sparkHome, int workers, int coresPerWorker, Path workDir, Duration timeout) {
        return start(sparkHome, workers, coresPerWorker, workDir, timeout, freePort());
    }

    public static LocalCluster start(Path sparkHome, int workers, int coresPerWorker, Path workDir, Duration timeout,
            int port) {
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalArgumentException(sparkHome
                    + "/jars is missing: build the spark module first (./mvnw -pl spark -am "
                    + "package -DskipTests) or point SPARK_HOME at a Spark 4.2 installation");
        }
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        int ui = freePort();
        List<Process> started = new ArrayList<>();
        try {
            Files.createDirectories(workDir.resolve("logs"));
            Process master = launch(sparkHome, workDir, "master", "org.apache.spark.deploy.master.Master",
                    "--host", HOST, "--port", String.valueOf(port), "--webui-port", String.valueOf(ui));
            started.add(master);
            List<Process> ws = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Path scratch = Files.createDirectories(workDir.resolve("worker-" + i));
                Process w = launch(sparkHome, workDir, "worker-" + i, "org.apache.spark.deploy.worker.Worker",
                        "--host", HOST, "--cores", String.valueOf(coresPerWorker), "--memory", "2g", "--webui-port",
                                "0",
                        "--work-dir", scratch.toString(), "spark://" + HOST + ":" + port);
                started.add(w);
                ws.add(w);
            }
            LocalCluster cluster = new LocalCluster(master, ws, port);
            cluster.awaitWorkers(ui, workers, timeout, workDir.resolve("logs"));
            return cluster;
        } catch (IOException | RuntimeException e) {
            started.forEach(LocalCluster::stopTree);
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    public String masterUrl() { return "spark://" + HOST + ":" + port; }

    /** The Worker JVMs (their executors are their child processes). */
    public List<Process> workers() { return List.copyOf(workers); }

    public Process master() { return master; }

    /** The executor JVMs running now: the Workers' child processes. */
    public List<ProcessHandle> executors() {
        return workers.stream().flatMap(w -> w.toHandle().children()).toList();
    }

    /** The JVM flags every Spark JVM needs on Java 25: Spark's {@code JavaModuleOptions}, one a line in a resource. */
    static List<String> jvmOptions() {
        try (var in = LocalCluster.class.getResourceAsStream("jvm.options")) {
            if (in == null) throw new IllegalStateException("jvm.options is missing from the rnn4j-spark jar");
            return new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(Path sparkHome, Path workDir, String name, String mainClass,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Dspark.master.rest.enabled=false");   // its fixed port 6066 would clash between clusters
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(sparkHome.toAbsolutePath().resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("logs").resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");   // else an executor launch finds no jars
        pb.environment().put("SPARK_LOCAL_IP", HOST);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitWorkers(int uiPort, int expected, Duration timeout, Path logs) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + uiPort + "/json/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int alive = 0;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) throw new IllegalStateException("the Spark master exited; see its log");
            try {
                Matcher m = ALIVE.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                if (m.find() && (alive = Integer.parseInt(m.group(1))) >= expected) return;
            } catch (IOException notYet) {
                // the master's web UI is not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        throw new IllegalStateException(alive + " of " + expected + " Spark workers registered within "
                + timeout.toSeconds()
                + " s; the master's log ends: " + tail(logs.resolve("master.log")) + "; worker-0's: "
                + tail(logs.resolve("worker-0.log")));
    }

    /** Stops executors, Workers and the Master, and waits for them. */
    @Override
    public void close() {
        workers.forEach(LocalCluster::stopTree);
        stopTree(master);
    }

    private static void stopTree(Process p) {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
