package dev.rnn4j.cli;

import dev.rnn4j.tool.UserError;
import dev.rnn4j.tool.ThreadsOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./rnn4j bench}: the speed suite, the same workloads and units as {@code pytorch_bench.py}, so
 * {@code compare.py} can put both side by side. Each workload warms up, then runs several times; the
 * median is reported with the spread (min–max). Beside PyTorch's workloads it measures single-thread and
 * per-time-step GEMMs, the memory read bandwidth with the sampling speed it allows, and the bytes a
 * steady-state training step allocates.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure speed: sgemm, LSTM/GRU layers, char-LM training and sampling.",
                "--json prints one JSON object per workload (the format of bench/pytorch_bench.py)."})
final class BenchCommand implements Runnable {
    @Option(names = "--json", description = "JSON lines instead of a table")
    boolean json;
    @Option(names = "--only", split = ",", paramLabel = "NAME", completionCandidates = WorkloadNames.class,
            description = "run only these workloads (comma-separated): ${COMPLETION-CANDIDATES} (default: all)")
    List<String> only;
    @Option(names = "--repeats", defaultValue = "5",
            description = "measured runs per workload, after a warm-up that lasts until its figure settles (2-20 s) "
                    + "(default: ${DEFAULT-VALUE})")
    int repeats;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    /** The names {@code --only} takes, for its help: every workload of {@link Workloads#all}, in its order. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workloads.all().stream().map(Workloads.Entry::name).iterator();
        }
    }

    /** One measured figure: what it measures, its unit, whether more is better, and how to run one timed repetition. */
    record Workload(String name, String metric, Map<String, Object> config, boolean higherIsBetter,
            Supplier<Double> once) {
        Workload(String name, String metric, Map<String, Object> config, Supplier<Double> once) {
            this(name, metric, config, true, once);
        }
    }

    /** Warm-up runs last at least this long: the first calls run interpreted, then C1, then C2 code. */
    private static final long WARMUP_NANOS = 2_000_000_000L;
    /**
     * And take at least this many calls: a charlm_train step takes about a second, and its C2 code settles only
     * after three or four steps (chars/s per second of a steady loop: 750, 2,686, 2,672, then 3,407 and on).
     */
    private static final int WARMUP_CALLS = 5;
    /**
     * Then blocks of calls (at least WARMUP_BLOCK_CALLS and WARMUP_BLOCK_NANOS each) until a block's median gains
     * less than WARMUP_SETTLED on the block before, or WARMUP_MAX_NANOS have passed: run first in a fresh JVM, the
     * small model's step (13 ms) was still climbing after 2 s (median chars/s of 25 calls: 99k at 3.2 s, 137k at 3.7,
     * 154k at 4.1, 160k from 4.9 on), and `--only charlm_train_small` reported 48–54k against 151–154k warm.
     */
    private static final long WARMUP_BLOCK_NANOS = 500_000_000L;
    private static final int WARMUP_BLOCK_CALLS = 3;
    private static final double WARMUP_SETTLED = 1.03;
    private static final long WARMUP_MAX_NANOS = 20_000_000_000L;

    @Override
    public void run() {
        InputChecks.atLeast("--repeats", repeats, 1);
        threads.check();
        threads.apply();
        List<Workloads.Entry> suite = new ArrayList<>(Workloads.all());
        if (only != null) {
            List<String> names = suite.stream().map(Workloads.Entry::name).toList();
            for (String o : only) {
                if (!names.contains(o)) {
                    throw new UserError("unknown workload '" + o + "' in --only: use one of "
                            + String.join(", ", names));
                }
            }
            suite.removeIf(e -> !only.contains(e.name()));
        }
        if (!json) {
            System.out.println(Workloads.machine());
            System.out.printf(Locale.ROOT, "%-34s %-14s %12s %22s%n", "workload", "metric", "median",
                    "spread (min-max)");
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Workloads.Entry entry : suite) {
            Workload w = entry.build().get();
            warmUp(w);
            double[] values = new double[repeats];
            for (int i = 0; i < values.length; i++) values[i] = w.once().get();
            Arrays.sort(values);
            double median = values[values.length / 2];
            medians.put(w.name(), median);
            print(w, median, values[0], values[values.length - 1]);
        }
        if (medians.containsKey("charlm_train") && medians.containsKey("fma_peak")) {
            // training as a share of the measured peak: its multiply-add FLOPs per character times chars/s
            double flopsPerChar = Workloads.trainFlopsPerChar(Workloads.TRAIN_VOCAB, Workloads.TRAIN_HIDDEN,
                    Workloads.TRAIN_LAYERS);
            double share = 100 * medians.get("charlm_train") * flopsPerChar / 1e9 / medians.get("fma_peak");
            Workload derived = new Workload("charlm_train_of_fma_peak", "percent",
                    Map.of("flops_per_char", flopsPerChar), () -> share);
            print(derived, share, share, share);
            // the same for the products actually run: the first layer's input side works on distinct rows only
            double performedPerChar = Workloads.trainFlopsPerformedPerChar(Workloads.TRAIN_VOCAB,
                    Workloads.TRAIN_HIDDEN, Workloads.TRAIN_LAYERS, Workloads.TRAIN_BATCH * Workloads.TRAIN_SEQ);
            double performed = share * performedPerChar / flopsPerChar;
            Workload performedShare = new Workload("charlm_train_performed_of_fma_peak", "percent",
                    Map.of("flops_per_char", performedPerChar), () -> performed);
            print(performedShare, performed, performed, performed);
        }
    }

    /** Calls {@code w} until its JIT-compiled code and its buffers are in place and its figure has settled. */
    static void warmUp(Workload w) {
        long start = System.nanoTime();
        for (int i = 0; i < WARMUP_CALLS || System.nanoTime() - start < WARMUP_NANOS; i++) w.once().get();
        double before = blockMedian(w);
        while (System.nanoTime() - start < WARMUP_MAX_NANOS) {
            double now = blockMedian(w);
            // settled once a block is no longer clearly better than the one before (direction: the metric's)
            boolean gained = w.higherIsBetter() ? now > before * WARMUP_SETTLED : now * WARMUP_SETTLED < before;
            if (!gained) return;
            before = now;
        }
    }

    /** The median figure of a block of calls: at least WARMUP_BLOCK_CALLS of them and WARMUP_BLOCK_NANOS. */
    private static double blockMedian(Workload w) {
        List<Double> values = new ArrayList<>();
        long start = System.nanoTime();
        while (values.size() < WARMUP_BLOCK_CALLS || System.nanoTime() - start < WARMUP_BLOCK_NANOS) {
            values.add(w.once().get());
        }
        values.sort(null);
        return values.get(values.size() / 2);
    }

    private void print(Workload w, double median, double min, double max) {
        if (json) {
            System.out.println(jsonLine(w, median, min, max));
        } else {
            System.out.printf(Locale.ROOT, "%-34s %-14s %12.1f %10.1f - %-10.1f%n", w.name(), w.metric(), median,
                    min, max);
        }
    }

    private static String jsonLine(Workload w, double median, double min, double max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", w.name());
        m.put("metric", w.metric());
        m.put("value", Math.round(median * 1000) / 1000.0);
        m.put("higher_is_better", w.higherIsBetter());
        m.put("impl", "rnn4j-0.1.0");
        m.put("min", Math.round(min * 1000) / 1000.0);
        m.put("max", Math.round(max * 1000) / 1000.0);
        m.put("config", w.config());
        m.put("machine", Workloads.machine());
        return dev.rnn4j.io.Json.write(m);
    }
}
