package dev.rnn4j.io;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class SafeTensorsTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static List<Path> goldenFiles() throws Exception {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            return s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
    }

    @Test
    void readsEveryGoldenFileAndReencodesItByteForByte() throws Exception {
        List<Path> files = goldenFiles();
        assertTrue(files.size() >= 13);
        for (Path p : files) {
            byte[] original = Files.readAllBytes(p);
            SafeTensorsFile f = SafeTensors.read(original, p.toString());
            assertTrue(Json.parseObject(f.metadata().get("case")).containsKey("kind"), p.toString());
            SafeTensors.Writer w = SafeTensors.writer();
            for (String name : f.names()) {
                if (f.dtype(name).equals("I64")) w.addI64(name, f.longs(name), f.shape(name));
                else w.addF32(name, f.tensor(name));
            }
            f.metadata().forEach(w::metadata);
            SafeTensorsFile again = SafeTensors.read(w.toBytes(), "rewritten");
            assertEquals(f.names(), again.names());
            for (String name : f.names()) assertArrayEquals(f.rawBytes(name), again.rawBytes(name), name);
        }
        SafeTensorsFile packed = SafeTensors.read(GOLDEN.resolve("rnn_packed.safetensors"));
        assertArrayEquals(new long[] {5, 1, 3, 2}, packed.longs("lengths"));
    }

    @Test
    void roundTripsEveryDtype(@TempDir Path tmp) {
        float[] special = {1f, -2.5f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 3.14159f};
        Tensor t = new Tensor(special, 2, 4);
        Path file = tmp.resolve("all.safetensors");
        SafeTensors.writer().addF32("f32", t).addF64("f64", t).addF16("f16", t).addBF16("bf16", t)
                .addI64("i64", new long[] {1, -2, Long.MAX_VALUE}, 3).addI32("i32", new long[] {7, -8}, 2)
                .metadata("note", "한글 ok").writeTo(file);
        SafeTensorsFile f = SafeTensors.read(file);
        assertArrayEquals(special, f.tensor("f32").data());
        assertArrayEquals(special, f.tensor("f64").data());
        float[] half = f.tensor("f16").data();
        assertEquals(1f, half[0]);
        assertEquals(-2.5f, half[1]);
        assertEquals(65504f, half[2]);
        assertEquals(0x1p-24f, half[3]);   // smallest half subnormal
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(half[4]));
        assertEquals(Float.POSITIVE_INFINITY, half[5]);
        assertEquals(0f, half[6]);          // below half's range
        assertEquals(-2.5f, f.tensor("bf16").data()[1]);
        assertEquals(3.140625f, f.tensor("bf16").data()[7]);   // 3.14159 rounded to 8 bits of mantissa
        assertTrue(Float.isNaN(SafeTensors.read(
                SafeTensors.writer().addBF16("n", new Tensor(new float[] {Float.NaN}, 1)).toBytes(), "n")
                .tensor("n").data()[0]));
        assertArrayEquals(new long[] {1, -2, Long.MAX_VALUE}, f.longs("i64"));
        assertArrayEquals(new long[] {7, -8}, f.longs("i32"));
        assertEquals("한글 ok", f.metadata().get("note"));
        assertArrayEquals(new int[] {2, 4}, f.shape("f16"));
    }

    @Test
    void headerIsPaddedAndOffsetsStartAtZero() {
        byte[] b = SafeTensors.writer().addF32("a", new Tensor(new float[] {1, 2, 3}, 3)).toBytes();
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"data_offsets\":[0,12]"), header);
        assertEquals(8 + n + 12, b.length);
    }

    @Test
    void badFilesGetOneClearError() {
        byte[] good = SafeTensors.writer().addF32("w", new Tensor(new float[] {1, 2}, 2)).toBytes();
        assertError(new byte[3], "shorter than the 8-byte header length");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertError(truncated, "is truncated: its tensors end at byte");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 4);
        assertError(trailing, "bytes after the last tensor");
        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        assertError(hugeHeader, "header length");
        assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes");
        assertError(file("{\"w\":{\"dtype\":\"Q8\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "unsupported dtype Q8");
        assertError(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlapping");
        assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8), "not a JSON object");
        assertError(file("{\"__metadata__\":{\"k\":1}}", 0), "not a string");
        assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,8]}}", 8), "not a size");
        assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],"
                + "\"data_offsets\":[0,8]}}", 8), "needs");
        SafeTensorsFile f = SafeTensors.read(good, "x.safetensors");
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> f.tensor("v"));
        assertTrue(e.getMessage().contains("has no tensor 'v'") && e.getMessage().contains("w"), e.getMessage());
    }

    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    static void assertError(byte[] bytes, String expected) {
        SafeTensorsException e =
                assertThrows(SafeTensorsException.class, () -> SafeTensors.read(bytes, "bad.safetensors"));
        assertTrue(e.getMessage().contains("bad.safetensors") && e.getMessage().contains(expected), e.getMessage());
    }

    /** Thousands of mutated and truncated files: each reads consistently or fails with SafeTensorsException. */
    @Test
    void fuzzedFilesNeverEscapeTheOneExceptionType() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : goldenFiles().subList(0, 4)) seeds.add(Files.readAllBytes(p));
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a", new Tensor(new float[] {1, 2, 3, 4}, 2, 2));
        seeds.add(SafeTensors.writer().addF32("a", t.get("a")).addBF16("b", t.get("a")).addI64("c", new long[] {1}, 1)
                .metadata("m", "v").toBytes());
        Rng rng = new Rng(2024);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 6000; i++) {
                byte[] b = mutate(seeds.get(rng.nextInt(seeds.size())), rng);
                try {
                    SafeTensorsFile f = SafeTensors.read(b, "fuzz");
                    for (String name : f.names()) {
                        if (f.dtype(name).startsWith("I")) f.longs(name);
                        else f.tensor(name);
                    }
                } catch (SafeTensorsException expected) {
                    assertFalse(expected.getMessage().isBlank());
                }
            }
        });
    }

    private static byte[] mutate(byte[] seed, Rng rng) {
        byte[] b = seed.clone();
        int headerEnd = (int) Math.min(b.length, 8 + ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        switch (rng.nextInt(6)) {
            case 0 -> b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
            case 1 -> b = java.util.Arrays.copyOf(b, rng.nextInt(b.length));
            case 2 -> b[rng.nextInt(8)] = (byte) rng.nextInt(256);
            case 3 -> {   // a digit inside the JSON header changes
                int at = 8 + rng.nextInt(Math.max(1, headerEnd - 8));
                if (at < b.length && Character.isDigit(b[at])) b[at] = (byte) ('0' + rng.nextInt(10));
                else b[Math.min(at, b.length - 1)] = (byte) "{}[],:\"0-e".charAt(rng.nextInt(10));
            }
            case 4 -> {
                int at = rng.nextInt(b.length);
                byte[] grown = new byte[b.length + 1 + rng.nextInt(16)];
                System.arraycopy(b, 0, grown, 0, at);
                System.arraycopy(b, at, grown, grown.length - (b.length - at), b.length - at);
                b = grown;
            }
            default -> {
                for (int k = 0; k < 4; k++) {
                    b[8 + rng.nextInt(Math.max(1, headerEnd - 8)) % (b.length - 8)] = (byte) rng.nextInt(256);
                }
            }
        }
        return b;
    }
}
