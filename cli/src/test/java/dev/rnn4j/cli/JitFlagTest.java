package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way this repository starts a JVM that trains gives it the same JIT flag: the activation loops stay out of
 * the gate kernels (ARCHITECTURE.md, "A Vector API kernel"; the build's own tests fail without it, the launcher,
 * Spark's executors and the example project would only run slower and allocate on every step).
 */
class JitFlagTest {
    static final String FLAG = "-XX:CompileCommand=dontinline,dev.rnn4j.kernel.Activations::*InPlace";

    @Test
    void everyLauncherGivesTheFlagAfterQuiet() throws IOException {
        for (String file : new String[] {"rnn4j", "pom.xml", "spark/src/main/resources/dev/rnn4j/spark/jvm.options",
                "consumer/run", "bench/ab/ab.sh"}) {
            String text = Files.readString(Path.of("..").resolve(file));
            int flag = text.indexOf(FLAG), quiet = text.indexOf("-XX:CompileCommand=quiet");
            assertTrue(flag >= 0, file + " does not give the JVM " + FLAG);
            // without "quiet" first, the JVM prints the command on stdout, ahead of the command's own output
            assertTrue(quiet >= 0 && quiet < flag, file + " gives the flag without -XX:CompileCommand=quiet before it");
        }
    }
}
