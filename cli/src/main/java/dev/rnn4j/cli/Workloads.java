package dev.rnn4j.cli;

import dev.rnn4j.kernel.FmaPeak;
import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.kernel.MemoryRead;
import dev.rnn4j.kernel.PackedMatrix;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.InferenceModel;
import dev.rnn4j.lm.Sampler;
import dev.rnn4j.lm.SamplingConfig;
import dev.rnn4j.nn.Gru;
import dev.rnn4j.nn.Lstm;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

/** The benchmark workloads, configured exactly as {@code bench/pytorch_bench.py} configures them. */
final class Workloads {
    /** The {@code charlm_train} model and batch (PyTorch's side in {@code bench/pytorch_bench.py} is the same). */
    static final int TRAIN_VOCAB = 65, TRAIN_HIDDEN = 512, TRAIN_LAYERS = 2, TRAIN_BATCH = 32, TRAIN_SEQ = 100;

    private Workloads() {}

    /** A workload by name, built only when it runs, so one run of {@code --only} holds only its own data. */
    record Entry(String name, Supplier<BenchCommand.Workload> build) {}

    static List<Entry> all() {
        return List.of(
                new Entry("charlm_train", () -> charLmTrain("charlm_train", TRAIN_VOCAB, TRAIN_HIDDEN, TRAIN_LAYERS,
                        TRAIN_BATCH, TRAIN_SEQ)),
                new Entry("charlm_train_small", () -> charLmTrain("charlm_train_small", 65, 128, 2, 50, 50)),
                // the shape `./rnn4j train` trains by default (there with dropout and weight averaging as well)
                new Entry("charlm_train_default", () -> charLmTrain("charlm_train_default", 65, 256, 1, 64, 50)),
                new Entry("charlm_sample", () -> sample("charlm_sample", 500, 1, WeightPrecision.FLOAT32)),
                new Entry("charlm_sample_bf16", () -> sample("charlm_sample_bf16", 500, 1, WeightPrecision.BF16)),
                new Entry("charlm_sample_int8", () -> sample("charlm_sample_int8", 500, 1, WeightPrecision.INT8)),
                new Entry("charlm_sample_batch64", () -> sample("charlm_sample_batch64", 100, 64,
                        WeightPrecision.FLOAT32)),
                new Entry("charlm_sample_batch64_int8", () -> sample("charlm_sample_batch64_int8", 100, 64,
                        WeightPrecision.INT8)),
                new Entry("lstm_layer", () -> network("lstm_layer", RecurrentShape.layer(RecurrentKind.LSTM, 512, 64,
                        50))),
                new Entry("gru_layer", () -> network("gru_layer", RecurrentShape.layer(RecurrentKind.GRU, 512, 64,
                        50))),
                // PyTorch's other options, each against PyTorch running the same network (bench/pytorch_bench.py)
                new Entry("rnn_layer", () -> network("rnn_layer", RecurrentShape.layer(RecurrentKind.RNN, 512, 64,
                        50))),
                new Entry("lstm_packed", () -> network("lstm_packed",
                        new RecurrentShape(RecurrentKind.LSTM, 512, 512, 1, false, 0, 64, 50, true))),
                new Entry("lstm_bidirectional", () -> network("lstm_bidirectional",
                        new RecurrentShape(RecurrentKind.LSTM, 256, 256, 2, true, 0, 32, 50, false))),
                new Entry("lstm_proj", () -> network("lstm_proj",
                        new RecurrentShape(RecurrentKind.LSTM, 512, 512, 1, false, 128, 64, 50, false))),
                new Entry("gru_stack", () -> network("gru_stack",
                        new RecurrentShape(RecurrentKind.GRU, 128, 256, 2, false, 0, 16, 200, false))),
                new Entry("sgemm", () -> sgemm("sgemm", 2048)),
                new Entry("sgemm_1thread", () -> singleThread(sgemm("sgemm_1thread", 2048))),
                new Entry("sgemm_lstm_step", () -> recurrentStep("sgemm_lstm_step", 64, 2048, 512, 50)),
                new Entry("sgemm_lstm_step_1thread",
                        () -> singleThread(recurrentStep("sgemm_lstm_step_1thread", 64, 2048, 512, 50))),
                new Entry("memory_bandwidth", () -> memoryBandwidth("memory_bandwidth", 64 << 20)),
                new Entry("cache_bandwidth", () -> cacheBandwidth("cache_bandwidth", WeightPrecision.FLOAT32)),
                new Entry("charlm_sample_bound", () -> sampleBound("charlm_sample_bound", WeightPrecision.FLOAT32)),
                new Entry("cache_bandwidth_int8", () -> cacheBandwidth("cache_bandwidth_int8", WeightPrecision.INT8)),
                new Entry("charlm_sample_int8_bound", () -> sampleBound("charlm_sample_int8_bound",
                        WeightPrecision.INT8)),
                new Entry("fma_peak", () -> fmaPeak("fma_peak")),
                new Entry("alloc_per_train_step",
                        () -> allocationPerStep("alloc_per_train_step", 65, 512, 2, 32, 100)));
    }

    /** The same workload with the kernel pool cut to one thread while it runs (the per-core figure). */
    static BenchCommand.Workload singleThread(BenchCommand.Workload w) {
        Map<String, Object> config = new java.util.LinkedHashMap<>(w.config());
        config.put("threads", 1);
        return new BenchCommand.Workload(w.name(), w.metric(), config, w.higherIsBetter(), () -> {
            int threads = KernelPool.threads();
            KernelPool.setThreads(1);
            try {
                return w.once().get();
            } finally {
                KernelPool.setThreads(threads);
            }
        });
    }

    /**
     * The recurrent GEMM of one LSTM time step as the layers run it, {@code a[B, 4H] += h[B, H] · W_hhᵀ}
     * with W_hh packed once, repeated for a sequence of {@code t} steps.
     */
    static BenchCommand.Workload recurrentStep(String name, int b, int g, int h, int t) {
        Rng rng = new Rng(3);
        float[] x = Tensor.randn(rng, b, h).data(), w = Tensor.randn(rng, g, h).data(), a = new float[b * g];
        PackedMatrix packed = new PackedMatrix();
        return new BenchCommand.Workload(name, "gflops", Map.of("batch", b, "n", g, "k", h, "steps", t), () -> {
            long start = System.nanoTime();
            packed.pack(true, h, g, w, 0, h);
            for (int i = 0; i < t; i++) Gemm.sgemm(false, b, x, 0, h, packed, 1f, a, 0, g);
            return 2.0 * b * g * h * t / ((System.nanoTime() - start) / 1e9) / 1e9;
        });
    }

    /** STREAM-like read bandwidth on all kernel threads over an array far larger than the caches. */
    static BenchCommand.Workload memoryBandwidth(String name, int floats) {
        float[] data = pagedIn(floats);
        return new BenchCommand.Workload(name, "GB_per_s", Map.of("bytes", 4L * floats), () -> readGbPerS(data));
    }

    /**
     * Read bandwidth of the cache level the sampling weights live in: the same read loop as
     * {@link #memoryBandwidth} over an array as large as the weights one character reads, read again and
     * again, so it stays wherever the weights stay (L3 for 12 MB of float32 on a 32 MB L3).
     */
    static BenchCommand.Workload cacheBandwidth(String name, WeightPrecision precision) {
        long bytes = sampleWeightBytes(precision);
        float[] data = weightSized(precision, bytes);
        return new BenchCommand.Workload(name, "GB_per_s", Map.of("bytes", bytes, "weights", precision.label()),
                () -> hotReadGbPerS(data));
    }

    /**
     * What batch-1 sampling could reach if it were bound by reading its weights alone: the bandwidth of the
     * cache level they live in ({@link #cacheBandwidth}) over the bytes one character reads.
     */
    static BenchCommand.Workload sampleBound(String name, WeightPrecision precision) {
        long bytes = sampleWeightBytes(precision);
        float[] data = weightSized(precision, bytes);
        Map<String, Object> config = Map.of("hidden", 512, "layers", 2, "weights", precision.label(),
                "bytes_per_char", bytes);
        return new BenchCommand.Workload(name, "chars_per_s", config, () -> hotReadGbPerS(data) * 1e9 / bytes);
    }

    /**
     * One array per precision, as large as the weights a character reads, shared by {@link #cacheBandwidth} and
     * {@link #sampleBound}: with an array each, the two timed the same loop and disagreed by up to 2× in one run on
     * a VM whose L3 is shared with neighbours, so the bound now reads the very memory the bandwidth figure read.
     */
    private static final Map<WeightPrecision, float[]> WEIGHT_SIZED = new EnumMap<>(WeightPrecision.class);

    private static synchronized float[] weightSized(WeightPrecision precision, long bytes) {
        return WEIGHT_SIZED.computeIfAbsent(precision, p -> pagedIn((int) (bytes / 4)));
    }

    /** Bytes of weights one character of the sampling model reads ({@link InferenceModel#weightBytesPerStep}). */
    private static long sampleWeightBytes(WeightPrecision precision) {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, 65, 512, 2, 0f, 0));
        return InferenceModel.of(model, precision).weightBytesPerStep();
    }

    /** The array read 20 times in a row (after the warm-up has brought it in), GB/s. */
    private static double hotReadGbPerS(float[] data) {
        int reads = 20;
        long start = System.nanoTime();
        double sum = 0;
        for (int i = 0; i < reads; i++) sum += MemoryRead.sum(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sum != (double) reads * data.length) {
            throw new IllegalStateException("read " + sum + " instead of " + (double) reads * data.length);
        }
        return 4.0 * reads * data.length / seconds / 1e9;
    }

    /** The register-tile FMA loop on every kernel thread ({@link FmaPeak}). */
    static BenchCommand.Workload fmaPeak(String name) {
        return new BenchCommand.Workload(name, "gflops", Map.of("threads", KernelPool.threads()),
                () -> FmaPeak.gflops(20_000_000));
    }

    /** Multiply-add FLOPs of one {@code charlm_train} character: forward once, backward twice, as for the layers. */
    static double trainFlopsPerChar(int v, int h, int l) {
        return 3.0 * (l * 2.0 * 4 * h * (h + h) + 2.0 * v * h);
    }

    /**
     * The multiply-add FLOPs rnn4j performs for one such character, at most: the first layer's input products run
     * on the batch's distinct embedding rows (at most {@code v} of the {@code rowsPerStep} rows, {@code InputRows}),
     * not on every row as counted by {@link #trainFlopsPerChar}.
     */
    static double trainFlopsPerformedPerChar(int v, int h, int l, int rowsPerStep) {
        double firstInputSide = 3.0 * 2 * 4 * h * h;
        return trainFlopsPerChar(v, h, l) - firstInputSide * (1 - Math.min(1.0, (double) v / rowsPerStep));
    }

    /** Ones, every page touched before timing. */
    private static float[] pagedIn(int floats) {
        float[] data = new float[floats];
        java.util.Arrays.fill(data, 1f);
        return data;
    }

    private static double readGbPerS(float[] data) {
        long start = System.nanoTime();
        double sum = MemoryRead.sum(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sum != data.length) throw new IllegalStateException("read " + sum + " instead of " + data.length);
        return 4.0 * data.length / seconds / 1e9;
    }

    /**
     * Bytes allocated on the calling thread and the kernel threads during one steady-state training step of
     * the {@code charlm_train} model (forward, backward, clip, Adam).
     */
    static BenchCommand.Workload allocationPerStep(String name, int v, int h, int l, int b, int t) {
        BenchCommand.Workload train = charLmTrain(name, v, h, l, b, t);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return new BenchCommand.Workload(name, "bytes_per_step", train.config(), false, () -> {
            long before = allocated(threads);
            train.once().get();
            return (double) (allocated(threads) - before);
        });
    }

    private static long allocated(com.sun.management.ThreadMXBean mx) {
        long total = mx.getCurrentThreadAllocatedBytes();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(KernelPool.THREAD_NAME_PREFIX)) {
                total += Math.max(0, mx.getThreadAllocatedBytes(t.threadId()));
            }
        }
        return total;
    }

    /** Training throughput: Adam 2e-3, clip 5, random batches, as the PyTorch script. */
    static BenchCommand.Workload charLmTrain(String name, int v, int h, int l, int b, int t) {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, v, h, l, 0f, 0));
        ParameterBuffer params = ParameterBuffer.of(model.parameters());
        Optimizer adam = new Adam(model.parameters(), AdamConfig.adam().withLr(2e-3));
        Rng rng = new Rng(0);
        int[] x = new int[b * t], y = new int[b * t];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(v);
            y[i] = rng.nextInt(v);
        }
        return new BenchCommand.Workload(name, "chars_per_s",
                Map.of("vocab", v, "hidden", h, "layers", l, "batch", b, "seq", t), () -> {
            long start = System.nanoTime();
            params.zeroGrad();
            model.trainingStep(x, y, b, t, model.zeroState(b));
            GradClip.clipGradNorm(params, 5.0);
            adam.step();
            return b * t / ((System.nanoTime() - start) / 1e9);
        });
    }

    /**
     * Generation at temperature 0.8 as {@code sample} runs it ({@link InferenceModel}): n streams, one character
     * in and one sampled character out per stream and step; chars/s counts all streams.
     */
    static BenchCommand.Workload sample(String name, int steps, int n, WeightPrecision precision) {
        int v = 65, h = 512, l = 2;
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, v, h, l, 0f, 0));
        InferenceModel frozen = InferenceModel.of(model, precision);
        Sampler[] samplers = new Sampler[n];
        for (int b = 0; b < n; b++) samplers[b] = new Sampler(v, new SamplingConfig(0.8, 0, 1, false), new Rng(b));
        Map<String, Object> config = new java.util.LinkedHashMap<>(
                Map.of("vocab", v, "hidden", h, "layers", l, "temperature", 0.8));
        config.put("streams", n);
        config.put("weights", precision.label());
        config.put("weight_bytes_per_step", frozen.weightBytesPerStep());
        return new BenchCommand.Workload(name, "chars_per_s", config, () -> {
            InferenceModel.State state = frozen.newState(n);
            int[] tokens = new int[n];
            float[] logits = new float[n * v];
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                frozen.step(tokens, state, logits);
                for (int b = 0; b < n; b++) tokens[b] = samplers[b].next(logits, b * v);
            }
            return (double) n * steps / ((System.nanoTime() - start) / 1e9);
        });
    }

    /**
     * A network forward + backward ({@link RecurrentShape}); FLOPs counted as the PyTorch script counts them, for one
     * layer 3 · 2·T·B·(I+H)·G·H.
     */
    static BenchCommand.Workload network(String name, RecurrentShape shape) {
        RecurrentNetwork net = shape.build();
        net.reuseBuffers(true);   // as in a training loop (PyTorch's caching allocator does the same)
        Tensor x = Tensor.randn(new Rng(1), shape.seq(), shape.batch(), shape.input());
        int[] lengths = shape.packed() ? shape.lengths() : null;
        Tensor dy = Tensor.zeros(shape.seq(), shape.batch(), shape.outputWidth());
        java.util.Arrays.fill(dy.data(), 1f);   // d(sum(y))/dy, as y.sum().backward()
        double flops = shape.flops();
        return new BenchCommand.Workload(name, "gflops", shape.config(), () -> {
            long start = System.nanoTime();
            RecurrentOutput out = net.forward(x, lengths, null, null);
            net.backward(out, dy, null, null);
            return flops / ((System.nanoTime() - start) / 1e9) / 1e9;
        });
    }

    static BenchCommand.Workload sgemm(String name, int n) {
        Rng rng = new Rng(2);
        float[] a = Tensor.randn(rng, n, n).data(), b = Tensor.randn(rng, n, n).data(), c = new float[n * n];
        return new BenchCommand.Workload(name, "gflops", Map.of("n", n), () -> {
            long start = System.nanoTime();
            Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            return 2.0 * n * n * n / ((System.nanoTime() - start) / 1e9) / 1e9;
        });
    }

    /** The CPU model and core count, stated with every figure. */
    static String machine() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception ignored) {
            // not Linux: the core count still says something
        }
        String flags = "";
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            flags = info.contains("avx512f") ? "AVX-512" : info.contains("avx2") ? "AVX2" : "";
        } catch (Exception ignored) {
            // flags unknown
        }
        return model + (flags.isEmpty() ? "" : " (" + flags + ")") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version().feature() + ", vector lanes "
                + jdkVectorLanes();
    }

    private static int jdkVectorLanes() { return dev.rnn4j.kernel.Rows.lanes(); }
}
