package dev.rnn4j.kernel;

/**
 * Whether the JVM has the incubating Vector API the kernels are written in. On the module path the library's
 * {@code requires jdk.incubator.vector} resolves it; on the class path the JVM must be started with
 * {@code --add-modules jdk.incubator.vector}, and without it the first kernel call would fail with a bare
 * {@code NoClassDefFoundError}. Every parameter is created through {@link #require()}, so a model fails at
 * construction with a message naming the flag instead.
 */
public final class VectorApi {
    /** The one-line error shown when the module is missing. */
    public static final String MISSING = "rnn4j needs the Vector API module: start java with "
            + "--add-modules jdk.incubator.vector (and the same flag for javac, surefire and exec)";

    private static final boolean PRESENT = probe();

    private VectorApi() {}

    /** True when {@code jdk.incubator.vector} is readable, so the kernels can load. */
    public static boolean present() { return PRESENT; }

    /** @throws IllegalStateException naming the JVM flag when the Vector API module is missing */
    public static void require() {
        if (!PRESENT) throw new IllegalStateException(MISSING);
    }

    private static boolean probe() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, VectorApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
