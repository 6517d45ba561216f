package dev.rnn4j.io;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** Files saved by {@code numpy.save} (src/test/resources/npy/gen.py) read back, and written back byte for byte. */
class NpyTest {
    private static final Path DIR = Path.of("src/test/resources/npy");

    @Test
    void readsEachDtypeNumpyWrote() throws IOException {
        Npy.Array i32 = Npy.read(DIR.resolve("i32.npy"));
        assertEquals(Npy.Kind.INT32, i32.kind());
        assertArrayEquals(new int[] {2, 3}, i32.shape());
        assertArrayEquals(new double[] {1, -2, 3, 4, 5, Integer.MAX_VALUE}, i32.values());

        Npy.Array i64 = Npy.read(DIR.resolve("i64.npy"));
        assertEquals(Npy.Kind.INT64, i64.kind());
        assertArrayEquals(new double[] {7, -(double) (1L << 40), 3}, i64.values());

        Npy.Array f32 = Npy.read(DIR.resolve("f32.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, f32.shape());
        for (int i = 0; i < 24; i++) assertEquals((float) i / 7f, (float) f32.values()[i], "f32[" + i + "]");

        Npy.Array scalar = Npy.read(DIR.resolve("f64.npy"));
        assertEquals(0, scalar.shape().length);
        assertArrayEquals(new double[] {3.25}, scalar.values());

        assertArrayEquals(new double[] {1.5, -2.25}, Npy.read(DIR.resolve("f64be.npy")).values(), "big-endian");
        assertArrayEquals(new int[] {0, 4}, Npy.read(DIR.resolve("empty.npy")).shape());
    }

    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        for (String name : new String[] {"i32.npy", "i64.npy", "f32.npy", "f64.npy", "empty.npy"}) {
            byte[] numpy = Files.readAllBytes(DIR.resolve(name));
            assertArrayEquals(numpy, Npy.toBytes(Npy.parse(numpy)), name);
        }
    }

    @Test
    void tensorRoundTripThroughAFile(@TempDir Path dir) throws IOException {
        Tensor t = new Tensor(new float[] {0.1f, -2f, 3.5f, Float.MIN_VALUE, 1e30f, 0f}, 3, 2);
        Path f = dir.resolve("t.npy");
        Npy.write(f, t);
        Tensor back = Npy.read(f).toTensor();
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());
    }

    @Test
    void integersBeyondFloatPrecisionAreRefusedAsTensor() throws IOException {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Npy.read(DIR.resolve("i32.npy")).toTensor());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void badFilesGetClearErrors() throws IOException {
        byte[] good = Files.readAllBytes(DIR.resolve("f32.npy"));
        assertMessage("Fortran-order", Files.readAllBytes(DIR.resolve("fortran.npy")));
        assertMessage("not a .npy file", "hello world".getBytes());
        assertMessage("truncated .npy data", Arrays.copyOf(good, good.length - 1));
        assertMessage("truncated .npy header", Arrays.copyOf(good, 40));
        byte[] f16 = good.clone();
        int at = new String(f16, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("<f4");
        f16[at + 2] = '2';
        assertMessage("unsupported .npy dtype '<f2'", f16);
        // Every truncation fails with an IllegalArgumentException, never another exception.
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(IllegalArgumentException.class, () -> Npy.parse(cut), "cut at " + n);
        }
    }

    private static void assertMessage(String expected, byte[] bytes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.parse(bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
