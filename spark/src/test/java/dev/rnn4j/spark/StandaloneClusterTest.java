package dev.rnn4j.spark;

import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a Master and two Workers, each its own JVM, executors in JVMs of
 * their own): training and scoring compared with one machine, an executor killed mid-training, a driver killed
 * and resumed through spark-submit. Every wait is bounded (generously: on a busy machine an executor JVM takes a
 * minute to start, on an idle one seconds); the cluster is always stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 600, unit = java.util.concurrent.TimeUnit.SECONDS)
class StandaloneClusterTest {
    static final String TEXT = TestCorpus.text(12_000, 5);
    static final int STEPS = 16;

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static SparkSession spark;
    static String jars;
    static Path data;
    static RecordingListener undisturbed;
    static CharLanguageModel trained;

    @BeforeAll
    static void start() {
        cluster = LocalCluster.start(Path.of(System.getProperty("spark.home")), 2, 1, dir.resolve("cluster"),
                Duration.ofSeconds(180));
        jars = TestJars.forExecutors(dir);
        data = TestCorpus.write(dir, "text.txt", TEXT);
        spark = SparkSession.builder().config(conf()).getOrCreate();
    }

    static SparkConf conf() {
        return new SparkConf().setMaster(cluster.masterUrl()).setAppName("rnn4j-cluster-test")
                .set("spark.jars", jars).set("spark.executor.memory", "512m").set("spark.cores.max", "2")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        try {
            if (spark != null) spark.stop();
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    static TrainConfig config() {
        return new TrainConfig(8, 16, "adam", 5e-3, 1.0, 10, 1.0, 0, STEPS, Duration.ZERO, 0.1, 8, 0, 3);
    }

    static CharLanguageModel model(int vocabulary) {
        return new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, vocabulary, 24, 2, 0f, 3));
    }

    /** Trains on the cluster, calling {@code atStep} (once) after step {@code step}. */
    static RecordingListener trainOnCluster(long step, Runnable atStep) {
        return trainOnCluster(step, atStep, null);
    }

    static RecordingListener trainOnCluster(long step, Runnable atStep, CharLanguageModel[] model) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SparkCorpus corpus = SparkCorpus.read(sc, data.toString());
        CharLanguageModel m = model(corpus.vocabulary().size());
        if (model != null) model[0] = m;
        RecordingListener r = new RecordingListener() {
            @Override
            public void onStep(CharLmTrainer.StepMetrics metrics) {
                super.onStep(metrics);
                if (metrics.step() == step) atStep.run();
            }
        };
        try (SparkTraining run = SparkTraining.create(sc, corpus, corpus.vocabulary(), m, config(), 2)) {
            run.trainer().run(r);
        }
        return r;
    }

    @Test
    @Order(1)
    void trainingOnTwoWorkersFollowsOneMachine() {
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        RecordingListener single = new RecordingListener();
        new CharLmTrainer(model(corpus.vocabulary().size()), corpus.train(), corpus.validation(), config()).run(single);
        CharLanguageModel[] model = new CharLanguageModel[1];
        undisturbed = trainOnCluster(-1, () -> {}, model);
        trained = model[0];
        double steps = SparkTrainingTest.maxDifference(single.losses, undisturbed.losses);
        double validation = SparkTrainingTest.maxDifference(single.validations, undisturbed.validations);
        System.out.printf("standalone cluster, 2 workers: max |loss difference| %.2e over %d steps, validation %.2e%n",
                steps, undisturbed.losses.size(), validation);
        assertEquals(STEPS, undisturbed.losses.size());
        assertTrue(steps < SparkTrainingTest.STEP_TOLERANCE, "step losses differ by " + steps);
        assertTrue(validation < SparkTrainingTest.VALIDATION_TOLERANCE, "validation losses differ by " + validation);
    }

    @Test
    @Order(2)
    void anExecutorKilledMidTrainingIsReplacedAndTheRunIsUnchanged() {
        assertNotNull(undisturbed, "runs after the undisturbed run");
        List<ProcessHandle> killed = new java.util.ArrayList<>();
        RecordingListener disturbed = trainOnCluster(6, () -> {
            ProcessHandle executor = cluster.executors().getFirst();
            executor.destroyForcibly();
            executor.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            killed.add(executor);
        });
        assertEquals(1, killed.size(), "an executor JVM was killed at step 6");
        System.out.printf("executor %d killed at step 6; the run finished %d steps%n", killed.getFirst().pid(),
                disturbed.losses.size());
        assertEquals(undisturbed.losses, disturbed.losses, "every step's loss, to the bit");
        assertEquals(undisturbed.validations, disturbed.validations);
    }

    @Test
    @Order(3)
    void scoringOnTheClusterEqualsScoringHere() {
        assertNotNull(trained, "scores the model the cluster trained");
        CharLanguageModel m = trained;
        CharCorpus corpus = CharCorpus.of(TEXT, 0.1, 0);
        List<String> lines = List.of(TEXT.split("\n")).subList(0, 60);
        List<Row> rows = CharLmScoring.score(spark, m, corpus.vocabulary(),
                spark.createDataset(lines, org.apache.spark.sql.Encoders.STRING())).collectAsList();
        assertEquals(lines.size(), rows.size());
        m.train(false);
        CrossEntropy ce = new CrossEntropy();
        int checked = 0;
        for (Row r : rows) {
            Row here = CharLmScoring.scoreLine(m, corpus.vocabulary(), ce, lines.get((int) r.getLong(0)), r.getLong(0));
            assertEquals(here.getDouble(3), r.getDouble(3), 1e-6, "line " + r.getLong(0));
            checked++;
        }
        assertEquals(60, checked);
    }

    /**
     * The driver, {@code rnn4j spark train} in a JVM of its own, killed after step 6; the run resumed through
     * Spark's own {@code spark-submit} (the application jar, client mode) continues to the same 16 losses.
     */
    @Test
    @Order(4)
    void aKilledDriverResumesThroughSparkSubmitExactly() throws Exception {
        spark.stop();   // free the cluster's cores for the drivers below
        spark = null;
        Path run = dir.resolve("killed-run");
        Process driver = driver("--out", run.toString(), "--max-steps", String.valueOf(STEPS),
                "--checkpoint-every", "4");
        try {
            Path metrics = run.resolve(MetricsLog.FILE);
            long deadline = System.nanoTime() + 300_000_000_000L;   // ~20 s on an idle 2-core machine
            while (!(java.nio.file.Files.exists(metrics)
                    && java.nio.file.Files.readString(metrics).contains("\"step\":6,"))) {
                assertTrue(driver.isAlive(), "the driver exited early: " + tail(dir.resolve("driver.log")));
                assertTrue(System.nanoTime() < deadline, "the driver reached no step 6 in time: "
                        + tail(dir.resolve("driver.log")));
                Thread.sleep(100);
            }
        } finally {
            driver.destroyForcibly().waitFor();
        }
        CharLmCheckpoint.Loaded before = CharLmCheckpoint.load(run);
        long resumedAt = before.snapshot().step();
        assertTrue(resumedAt >= 4 && resumedAt < STEPS, "killed after its checkpoint at step " + resumedAt);
        Process resumed = submit("--resume", run.toString());
        try {
            assertTrue(resumed.waitFor(300, java.util.concurrent.TimeUnit.SECONDS),
                    "spark-submit finished in time: " + tail(dir.resolve("submit.log")));
        } finally {
            resumed.destroyForcibly().waitFor();
        }
        assertEquals(0, resumed.exitValue(), tail(dir.resolve("submit.log")));
        List<String> lines = java.nio.file.Files.readAllLines(run.resolve(MetricsLog.FILE)).stream()
                .filter(l -> l.startsWith("{\"type\":\"step\"")).toList();
        assertEquals(STEPS, lines.size(), "one line per step, none repeated or lost");
        for (int i = 0; i < STEPS; i++) {
            String expected = String.format(java.util.Locale.ROOT, "\"train_loss\":%.6f", undisturbed.losses.get(i));
            assertTrue(lines.get(i).contains(expected), "step " + (i + 1) + ": " + lines.get(i) + " vs " + expected);
        }
        System.out.printf("driver killed after step 6, resumed from step %d by spark-submit of the application jar: "
                + "%d steps equal to the undisturbed run%n", resumedAt, STEPS);
    }

    static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code rnn4j spark train} in a JVM of its own, as a user runs it, on the cluster; output in driver.log. */
    static Process driver(String... args) throws java.io.IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(java()));
        cmd.addAll(LocalCluster.jvmOptions());
        cmd.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.rnn4j.spark.SparkMain", "train",
                "--master", cluster.masterUrl(), "--conf", "spark.jars=" + jars, "--conf", "spark.executor.memory=512m",
                "--conf", "spark.cores.max=2", "--conf", "spark.ui.enabled=false"));
        cmd.addAll(trainFlags());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("driver.log").toFile())).start();
    }

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    /** The flags of {@link #config()} and {@link #model} as {@code spark train} takes them. */
    static List<String> trainFlags() {
        return List.of("--partitions", "2", "--data", data.toString(), "--batch-size", "8", "--seq-length", "16",
                "--lr", "5e-3", "--grad-clip", "1", "--val-frac", "0.1", "--eval-every", "8", "--hidden", "24",
                "--layers", "2", "--seed", "3", "--dropout", "0", "--lr-decay", "1");
    }

    /**
     * {@code spark-submit --class dev.rnn4j.spark.SparkMain --master ... APP.jar train ...} as the script runs it
     * (the class SparkSubmit with the Spark home's jars), client mode; output in submit.log.
     */
    static Process submit(String... args) throws java.io.IOException {
        Path home = Path.of(System.getProperty("spark.home"));
        Path app = TestJars.application(dir.resolve("rnn4j-spark-app.jar"));
        List<String> cmd = new java.util.ArrayList<>(List.of(java()));
        cmd.addAll(LocalCluster.jvmOptions());
        cmd.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"));
        cmd.addAll(List.of("-cp", home.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--class", "dev.rnn4j.spark.SparkMain", "--master", cluster.masterUrl(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.cores.max=2",
                "--conf", "spark.ui.enabled=false", app.toString(), "train"));
        cmd.addAll(trainFlags());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("submit.log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }
}
