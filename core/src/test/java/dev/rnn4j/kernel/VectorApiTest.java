package dev.rnn4j.kernel;

import dev.rnn4j.nn.Linear;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A JVM started without {@code --add-modules jdk.incubator.vector} gets one line naming the flag. */
class VectorApiTest {
    /** Builds a layer; run in a child JVM without the flag. */
    public static void main(String[] args) {
        new Linear(2, 3, true, new Rng(1));
        System.out.println("built");
    }

    @Test
    void presentHere() {
        assertTrue(VectorApi.present(), "the build runs tests with the flag");
    }

    @Test
    void missingModuleNamesTheFlag() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(java, "-cp", classPath, VectorApiTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.lines().findFirst().orElse("").contains("IllegalStateException: " + VectorApi.MISSING), out);
        assertFalse(out.contains("NoClassDefFoundError"), out);
    }
}
