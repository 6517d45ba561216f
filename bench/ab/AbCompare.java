import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Two builds of rnn4j in one JVM, their runs of a bench workload alternating: an A/B whose pairs are seconds
 * apart, so a VM whose speed drifts from minute to minute moves both sides of a pair alike. Each build is a
 * directory holding rnn4j-cli.jar and lib/ (cli/target after a package), loaded by its own class loader; the
 * one call into it is {@code dev.rnn4j.cli.BenchWorkloads.measurement(name)}, looked up by name because the two
 * builds' classes share their names and can be told apart only by their loaders.
 *
 *   java -XX:ObjectAlignmentInBytes=64 -XX:+UseSerialGC -Xss16m --add-modules jdk.incubator.vector \
 *       bench/ab/AbCompare.java [--new-first] [--pairs FILE] ROUNDS BASE_DIR NEW_DIR WORKLOAD...
 *   java bench/ab/AbCompare.java --combine FILE      (the table of all pairs appended to FILE, by workload)
 *
 * One JVM's pairs share a bias of their own: the two builds' code is compiled apart, and one copy may come out a few
 * percent faster than the other. One build against itself, loaded first and second (docs/results/2026-12-05T1230-*):
 * under -XX:UseAVX=2 the second copy ran charlm_train_small 2.5–13% faster in six JVMs out of six; with AVX-512,
 * four JVMs of 6 pairs gave sgemm 0.969–1.025, lstm_layer 0.916–1.029, charlm_train_small 0.938–1.039, and all 24
 * pairs together 0.997, 1.005, 0.993. {@code --new-first} loads NEW first; bench/ab/ab.sh splits the pairs over
 * several JVMs of either order (--forks) and combines them ({@code --pairs}, {@code --combine}).
 *
 * (the flags ./rnn4j runs bench with: a packed B starts on a cache line only with 64-byte object alignment)
 *
 * <p>BASE_DIR {@code openblas} puts OpenBLAS's {@code cblas_sgemm} at n = 2,048 (GFLOP/s, called through the
 * foreign-function API from the system's libopenblas.so.0, the library PyTorch's bench reaches through numpy) on the
 * base side of every pair: each workload of NEW_DIR then stands against OpenBLAS's sgemm measured seconds apart,
 * in place of a ratio between two processes run a minute or more apart. Set OPENBLAS_NUM_THREADS,
 * OPENBLAS_CORETYPE and OPENBLAS_THREAD_TIMEOUT (its threads spin after a call unless it is low) before the JVM
 * starts, as ab.sh --openblas does.
 */
public final class AbCompare {
    private AbCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--combine")) {
            combine(Path.of(args[1]));
            return;
        }
        List<String> rest = new ArrayList<>(List.of(args));
        boolean newFirst = rest.remove("--new-first");
        Path pairs = null;
        int at = rest.indexOf("--pairs");
        if (at >= 0 && at + 1 < rest.size()) {
            pairs = Path.of(rest.remove(at + 1));
            rest.remove(at);
        }
        if (rest.size() < 4 || !rest.get(0).matches("[1-9][0-9]*")) {
            System.err.println("usage: AbCompare [--new-first] [--pairs FILE] ROUNDS BASE_DIR NEW_DIR WORKLOAD...\n"
                    + "       AbCompare --combine FILE");
            System.exit(2);
        }
        int rounds = Integer.parseInt(rest.get(0));
        printHeader();
        // one OpenBLAS side for every workload: its 48 MB of operands are allocated and filled once
        Supplier<Double> openBlas = rest.get(1).equals("openblas") ? openBlasSgemm(2048) : null;
        for (String workload : rest.subList(3, rest.size())) {
            Supplier<Double> base, next;
            if (newFirst) {
                next = load(Path.of(rest.get(2)), workload);
                base = openBlas != null ? openBlas : load(Path.of(rest.get(1)), workload);
                warmUp(next);
                warmUp(base);
            } else {
                base = openBlas != null ? openBlas : load(Path.of(rest.get(1)), workload);
                next = load(Path.of(rest.get(2)), workload);
                warmUp(base);
                warmUp(next);
            }
            double[] b = new double[rounds], n = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // alternate which side goes first, so neither always follows the other's cache footprint
                if (r % 2 == (newFirst ? 1 : 0)) {
                    b[r] = base.get();
                    n[r] = next.get();
                } else {
                    n[r] = next.get();
                    b[r] = base.get();
                }
            }
            printRow(workload, b, n);
            if (pairs != null) {
                StringBuilder lines = new StringBuilder();
                for (int r = 0; r < rounds; r++) lines.append(workload).append(' ').append(b[r]).append(' ')
                        .append(n[r]).append('\n');
                Files.writeString(pairs, lines, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
        System.exit(0);   // the builds' kernel pools are daemon threads, but leave no doubt
    }

    private static void printHeader() {
        System.out.printf("%-26s %12s %12s %9s  %s%n", "workload", "base", "new", "new/base", "[quartiles of the pairs]");
    }

    /** Medians of both sides, and the median of the per-pair ratios with their quartiles. */
    private static void printRow(String workload, double[] b, double[] n) {
        double[] ratio = new double[b.length];
        for (int r = 0; r < b.length; r++) ratio[r] = n[r] / b[r];
        System.out.printf("%-26s %12.1f %12.1f %9.3f  [%.3f-%.3f]%n", workload, median(b), median(n), median(ratio),
                quantile(ratio, 0.25), quantile(ratio, 0.75));
    }

    /** The table of every pair in {@code file} (lines "workload base new"), workloads in their first order. */
    private static void combine(Path file) throws Exception {
        java.util.Map<String, List<double[]>> byWorkload = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) continue;
            byWorkload.computeIfAbsent(f[0], w -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        printHeader();
        byWorkload.forEach((workload, list) -> printRow(workload, list.stream().mapToDouble(p -> p[0]).toArray(),
                list.stream().mapToDouble(p -> p[1]).toArray()));
    }

    private static Supplier<Double> load(Path build, String workload) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(build.resolve("rnn4j-cli.jar").toUri().toURL());
        try (Stream<Path> jars = Files.list(build.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) urls.add(jar.toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Method measurement;
        try {
            measurement = loader.loadClass("dev.rnn4j.cli.BenchWorkloads").getMethod("measurement", String.class);
        } catch (ClassNotFoundException e) {
            throw fail(build + " has no dev.rnn4j.cli.BenchWorkloads: build it from a revision that has it "
                    + "(bench/ab/ab.sh adds it to an older base by itself)");
        }
        try {
            @SuppressWarnings("unchecked")
            Supplier<Double> once = (Supplier<Double>) measurement.invoke(null, workload);
            return once;
        } catch (InvocationTargetException e) {
            throw fail(build + ": " + e.getCause().getMessage());
        }
    }

    /**
     * OpenBLAS's {@code C = A·B} on row-major n × n floats off the heap, 64-byte aligned, A and B uniform in [0, 1) as
     * numpy's {@code rand} in PyTorch's bench; one call per measurement, in GFLOP/s.
     */
    private static Supplier<Double> openBlasSgemm(int n) {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup("libopenblas.so.0", Arena.global());
        } catch (IllegalArgumentException e) {
            throw fail("libopenblas.so.0 not found: apt-get install libopenblas0-pthread");
        }
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
        MethodHandle sgemm = Linker.nativeLinker().downcallHandle(lib.find("cblas_sgemm").orElseThrow(),
                FunctionDescriptor.ofVoid(i, i, i, i, i, i, f, ValueLayout.ADDRESS, i, ValueLayout.ADDRESS, i, f,
                        ValueLayout.ADDRESS, i));
        long bytes = 4L * n * n;
        MemorySegment a = Arena.global().allocate(bytes, 64), b = Arena.global().allocate(bytes, 64);
        MemorySegment c = Arena.global().allocate(bytes, 64);
        java.util.Random random = new java.util.Random(2);
        for (long e = 0; e < (long) n * n; e++) {
            a.setAtIndex(f, e, random.nextFloat());
            b.setAtIndex(f, e, random.nextFloat());
        }
        int rowMajor = 101, noTrans = 111;      // CblasRowMajor, CblasNoTrans
        return () -> {
            long start = System.nanoTime();
            try {
                sgemm.invokeExact(rowMajor, noTrans, noTrans, n, n, n, 1f, a, n, b, n, 0f, c, n);
            } catch (Throwable t) {
                throw new IllegalStateException("cblas_sgemm failed", t);
            }
            return 2.0 * n * n * n / ((System.nanoTime() - start) / 1e9) / 1e9;
        };
    }

    private static IllegalStateException fail(String message) {
        System.err.println("AbCompare: " + message);
        System.exit(2);
        return new IllegalStateException(message);   // not reached: lets callers write "throw fail(...)"
    }

    /**
     * As {@code ./rnn4j bench}: at least two seconds and five calls, then blocks of calls (at least three and half a
     * second) until a block's median moves less than 3% from the block before, at most 20 s in all, so C2 has
     * compiled the hot loops (a fresh JVM's small-model step still climbed after 2 s).
     */
    private static void warmUp(Supplier<Double> once) {
        long start = System.nanoTime();
        for (int calls = 0; calls < 5 || System.nanoTime() - start < 2_000_000_000L; calls++) once.get();
        double before = blockMedian(once);
        while (System.nanoTime() - start < 20_000_000_000L) {
            double now = blockMedian(once);
            if (Math.abs(now / before - 1) < 0.03) return;
            before = now;
        }
    }

    private static double blockMedian(Supplier<Double> once) {
        java.util.List<Double> values = new java.util.ArrayList<>();
        long start = System.nanoTime();
        while (values.size() < 3 || System.nanoTime() - start < 500_000_000L) values.add(once.get());
        values.sort(null);
        return values.get(values.size() / 2);
    }

    private static double median(double[] x) {
        return quantile(x, 0.5);
    }

    private static double quantile(double[] x, double q) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
