package dev.rnn4j.keras.io;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Unsupported layers and options get one message naming the layer, its class, the file and what is supported;
 * damaged files (truncated, bytes flipped, random mutations for a bounded time) get a {@link KerasFileException},
 * never another exception from inside the zip or HDF5 readers.
 */
class KerasErrorsTest {
    private static final Path DIR = KerasModelsTest.DIR;
    /** Wall-clock budget of the random mutation loop per file, after a minimum number of mutations. */
    private static final long FUZZ_NANOS = 1_000_000_000L;
    private static final int MIN_MUTATIONS = 20;

    @Test
    void unsupportedLayerNamesLayerClassFileAndTheSupportedOnes() {
        KerasFileException e = assertThrows(KerasFileException.class,
                () -> KerasModels.load(DIR.resolve("unsupported-conv1d.keras")));
        String m = e.getMessage();
        assertTrue(m.contains("unsupported-conv1d.keras") && m.contains("'conv1d' (Conv1D)")
                && m.contains("is not supported")
                && m.contains("LSTM") && m.contains("TimeDistributed(Dense)"), m);
    }

    @Test
    void unsupportedOptionsAreNamed(@TempDir Path dir) throws IOException {
        assertOption(dir, "\"recurrent_activation\": \"sigmoid\"", "\"recurrent_activation\": \"relu\"",
                "recurrent_activation 'relu'; supported: sigmoid, hard_sigmoid");
        assertOption(dir, "\"dropout\": 0.3", "\"dropout\": 1.0", "has dropout 1.0; supported: a rate in [0, 1)");
        assertOption(dir, "\"class_name\": \"Sequential\"", "\"class_name\": \"Subclassed\"",
                "supported: Sequential models and functional models");
    }

    /** imdb-2lstm.keras with its config.json edited. */
    private static void assertOption(Path dir, String from, String to, String expected) throws IOException {
        Path src = DIR.resolve("imdb-2lstm.keras");
        String config;
        byte[] weights;
        try (ZipFile zip = new ZipFile(src.toFile())) {
            config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
            weights = zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes();
        }
        String edited = config.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to));
        assertNotEquals(config, edited, "the edit must apply: " + from);
        Path out = dir.resolve("edited.keras");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(edited.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            zip.write(weights);
        }
        Files.write(out, bytes.toByteArray());
        KerasFileException e = assertThrows(KerasFileException.class, () -> KerasModels.load(out));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("edited.keras"), e.getMessage());
    }

    @Test
    void notAKerasFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.keras");
        Files.writeString(f, "hello");
        KerasFileException e = assertThrows(KerasFileException.class, () -> KerasModels.load(f));
        assertTrue(e.getMessage().contains("not a Keras model file"), e.getMessage());
        assertThrows(KerasFileException.class, () -> KerasModels.load(dir.resolve("missing.keras")));
    }

    @Test
    void truncatedAndMutatedFilesFailCleanly(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"imdb-gru.keras", "keras2-bidirectional.h5", "bidirectional-masked.keras"}) {
            byte[] good = Files.readAllBytes(DIR.resolve(name));
            Path f = dir.resolve(name);
            int step = Math.max(1, good.length / 41);
            for (int n = 0; n < good.length; n += step) tryLoad(f, Arrays.copyOf(good, n), name + " cut at " + n);
            Rng rng = new Rng(name.hashCode());
            long end = System.nanoTime() + FUZZ_NANOS;
            int runs = 0;
            while (runs < MIN_MUTATIONS || System.nanoTime() < end) {
                byte[] bad = good.clone();
                int flips = 1 + rng.nextInt(8);
                for (int i = 0; i < flips; i++) bad[rng.nextInt(bad.length)] = (byte) rng.nextInt(256);
                tryLoad(f, bad, name + " mutation " + runs++);
            }
        }
    }

    /** Loading may succeed (a flip in unused bytes) or fail with a KerasFileException; nothing else. */
    private static void tryLoad(Path f, byte[] bytes, String what) throws IOException {
        Files.write(f, bytes);
        try {
            KerasModels.load(f);
        } catch (KerasFileException expected) {
            assertFalse(expected.getMessage().isBlank(), what);
        } catch (Throwable other) {
            fail(what + ": " + other, other);
        }
    }
}
