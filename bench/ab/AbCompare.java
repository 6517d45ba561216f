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
 *       bench/ab/AbCompare.java ROUNDS BASE_DIR NEW_DIR WORKLOAD...
 *
 * (the flags ./rnn4j runs bench with: a packed B starts on a cache line only with 64-byte object alignment)
 */
public final class AbCompare {
    private AbCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("usage: AbCompare ROUNDS BASE_DIR NEW_DIR WORKLOAD...");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        System.out.printf("%-26s %12s %12s %9s  %s%n", "workload", "base", "new", "new/base", "[quartiles of the pairs]");
        for (int i = 3; i < args.length; i++) {
            Supplier<Double> base = load(Path.of(args[1]), args[i]), next = load(Path.of(args[2]), args[i]);
            warmUp(base);
            warmUp(next);
            double[] b = new double[rounds], n = new double[rounds], ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // alternate which side goes first, so neither always follows the other's cache footprint
                if (r % 2 == 0) {
                    b[r] = base.get();
                    n[r] = next.get();
                } else {
                    n[r] = next.get();
                    b[r] = base.get();
                }
                ratio[r] = n[r] / b[r];
            }
            System.out.printf("%-26s %12.1f %12.1f %9.3f  [%.3f-%.3f]%n", args[i], median(b), median(n), median(ratio),
                    quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
        System.exit(0);   // the builds' kernel pools are daemon threads, but leave no doubt
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

    private static IllegalStateException fail(String message) {
        System.err.println("AbCompare: " + message);
        System.exit(2);
        return new IllegalStateException(message);   // not reached: lets callers write "throw fail(...)"
    }

    /** As {@code ./rnn4j bench}: at least two seconds and five calls, so C2 has compiled the hot loops. */
    private static void warmUp(Supplier<Double> once) {
        long start = System.nanoTime();
        for (int calls = 0; calls < 5 || System.nanoTime() - start < 2_000_000_000L; calls++) once.get();
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
