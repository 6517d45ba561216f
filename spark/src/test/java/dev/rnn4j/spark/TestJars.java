package dev.rnn4j.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need to run rnn4j code from a test: the build's class directories (this module's,
 * its tests', and, in a reactor build, the other rnn4j modules') packed into one jar, plus the rnn4j and picocli
 * jars on the class path.
 */
final class TestJars {
    private TestJars() {}

    static String forExecutors(Path dir) {
        List<String> jars = new ArrayList<>();
        Path packed = dir.resolve("rnn4j-test-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(packed))) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) pack(p, out, seen);
                else if (p.getFileName().toString().matches("(rnn4j-|picocli).*\\.jar")) jars.add(p.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars.addFirst(packed.toString());
        return String.join(",", jars);
    }

    /**
     * An application jar as the module's shaded jar is made: rnn4j's classes and its non-Spark dependencies (picocli,
     * the progress bar) in one jar whose main class is {@code SparkMain}; Spark itself is left to the cluster. (The
     * shaded jar is made in the package phase, after the tests.)
     */
    static Path application(Path jar) {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, SparkMain.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            java.util.Set<String> seen = new java.util.HashSet<>(List.of("META-INF/MANIFEST.MF"));
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) pack(p, out, seen);
                else if (p.getFileName().toString().matches("(rnn4j-|picocli|progressbar|jline).*\\.jar")) {
                    unpack(p, out, seen);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void unpack(Path jar, JarOutputStream out, java.util.Set<String> seen) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory() || e.getName().matches("META-INF/.*\\.(SF|RSA|DSA)") || !seen.add(e.getName())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getName()));
                try (var in = zip.getInputStream(e)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static void pack(Path root, JarOutputStream out, java.util.Set<String> seen) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                if (!seen.add(name)) continue;   // the first class directory on the class path wins, as in the JVM
                out.putNextEntry(new JarEntry(name));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
