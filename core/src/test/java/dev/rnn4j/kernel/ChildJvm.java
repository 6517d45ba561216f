package dev.rnn4j.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A main class of the tests run in a fresh JVM with extra flags, for what a flag changes for the whole JVM. */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * Runs {@code main} on this JVM's class path with {@code flags} and the Vector API module; returns what it printed,
     * stripped. Fails if it does not finish within two minutes or exits with an error.
     */
    static String output(Class<?> main, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        command.addAll(List.of("--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String what = "child JVM " + String.join(" ", flags);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), what + " finished");
        assertEquals(0, p.exitValue(), what + " failed, printed: " + out);
        return out;
    }
}
