package dev.rnn4j.io;

import dev.rnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header, then
 * the raw little-endian tensor data), as PyTorch's {@code safetensors} does. Reading validates everything
 * before use and reports any problem as one {@link SafeTensorsException} naming the file and tensor.
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("weight", w), Map.of("config", "{...}"));   // atomic
 * SafeTensorsFile f = SafeTensors.read(path);
 * byte[] bytes = SafeTensors.writer().addF16("w", w).metadata("k", "v").toBytes();
 * }</pre>
 */
public final class SafeTensors {
    /** Headers beyond this are refused rather than allocated (the reference implementation's limit). */
    static final long MAX_HEADER = 100_000_000L;

    private SafeTensors() {}

    public static SafeTensorsFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SafeTensorsException("no such file: " + file);
        } catch (IOException e) {
            throw new SafeTensorsException("cannot read " + file + ": " + e.getMessage());
        }
        return read(bytes, file.toString());
    }

    public static SafeTensorsFile read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new SafeTensorsException(source + " is not a safetensors file: " + bytes.length
                    + " bytes, shorter than the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8L || headerLength > MAX_HEADER) {
            throw new SafeTensorsException(source + " is corrupt or truncated: header length "
                    + Long.toUnsignedString(headerLength) + " does not fit in a file of " + bytes.length + " bytes");
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, Object> header = header(bytes, (int) headerLength, source);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Map.Entry<String, SafeTensorsFile.Entry>> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                metadata(e.getValue(), metadata, source);
            } else {
                entries.add(Map.entry(e.getKey(), entry(e.getKey(), e.getValue(), dataStart, source)));
            }
        }
        // Tensors must tile the data section exactly: in order, no overlap, no gap, no trailing bytes.
        entries.sort(Comparator.comparingInt(e -> e.getValue().offset()));
        long expected = dataStart;
        Map<String, SafeTensorsFile.Entry> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, SafeTensorsFile.Entry> e : entries) {
            SafeTensorsFile.Entry t = e.getValue();
            if (t.offset() != expected) {
                throw new SafeTensorsException(source + ": tensor " + e.getKey() + " starts at data offset "
                        + (t.offset() - dataStart) + " but the previous tensor ends at " + (expected - dataStart)
                        + " (overlapping or with a gap)");
            }
            expected += t.length();
            ordered.put(e.getKey(), t);
        }
        if (expected > bytes.length) {
            throw new SafeTensorsException(source + " is truncated: its tensors end at byte " + expected
                    + " but the file has only " + bytes.length + " bytes");
        }
        if (expected != bytes.length) {
            throw new SafeTensorsException(source + ": " + (bytes.length - expected)
                    + " bytes after the last tensor (file of " + bytes.length + " bytes, tensors end at "
                    + expected + ")");
        }
        return new SafeTensorsFile(source, bytes, ordered, java.util.Collections.unmodifiableMap(metadata));
    }

    private static Map<String, Object> header(byte[] bytes, int length, String source) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, length)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(source + ": header is not valid UTF-8");
        }
        try {
            return Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(source + ": header is not a JSON object (" + e.getMessage() + ")");
        }
    }

    private static void metadata(Object value, Map<String, String> out, String source) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new SafeTensorsException(source + ": __metadata__ must be an object of strings");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafeTensorsException(source + ": __metadata__ value " + e.getKey() + " is "
                        + Json.kind(e.getValue()) + ", not a string");
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static SafeTensorsFile.Entry entry(String name, Object value, int dataStart, String source) {
        String where = source + ": tensor " + name;
        if (!(value instanceof Map<?, ?> m)) throw new SafeTensorsException(where + ": header entry is not an object");
        if (!(m.get("dtype") instanceof String dtypeName)) throw new SafeTensorsException(where + ": missing dtype");
        DType dtype = DType.of(dtypeName);
        if (dtype == null) {
            throw new SafeTensorsException(where + ": unsupported dtype " + dtypeName
                    + " (F32, F64, F16, BF16, I32, I64 are)");
        }
        if (!(m.get("shape") instanceof List<?> dims)) throw new SafeTensorsException(where + ": missing shape");
        if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2) {
            throw new SafeTensorsException(where + ": data_offsets must be [begin, end]");
        }
        int[] shape = new int[dims.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new SafeTensorsException(where + ": shape " + dims + " has a dimension that is not a size");
            }
            shape[i] = (int) (long) d;
            long cap = Long.MAX_VALUE / 16;   // saturate instead of overflowing: such sizes fail below anyway
            elements = d != 0 && elements > cap / d ? cap : elements * d;
        }
        if (!(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end) || begin < 0 || end < begin) {
            throw new SafeTensorsException(where + ": data_offsets " + offs + " are not 0 <= begin <= end");
        }
        long size = elements * dtype.bytes();
        if (end - begin != size) {
            throw new SafeTensorsException(where + ": shape " + dims + " of " + dtype + " needs " + size
                    + " bytes but data_offsets " + offs + " span " + (end - begin));
        }
        if (end > Integer.MAX_VALUE - dataStart) {
            throw new SafeTensorsException(where + ": data_offsets " + offs + " lie outside the file");
        }
        return new SafeTensorsFile.Entry(dtype, shape, dataStart + (int) (long) begin, (int) (end - begin));
    }

    /** Writes float32 tensors (in map order) and string metadata to {@code file} atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        Writer w = writer();
        tensors.forEach(w::addF32);
        metadata.forEach(w::metadata);
        w.writeTo(file);
    }

    public static Writer writer() { return new Writer(); }

    /** Collects tensors of any supported dtype and metadata, then writes them in insertion order. */
    public static final class Writer {
        private record Pending(String name, DType dtype, int[] shape, byte[] data) {}

        private final List<Pending> tensors = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Writer() {}

        public Writer addF32(String name, Tensor t) { return add(name, DType.F32, t.shape(), t.data(), null); }

        public Writer addF64(String name, Tensor t) { return add(name, DType.F64, t.shape(), t.data(), null); }

        public Writer addF16(String name, Tensor t) { return add(name, DType.F16, t.shape(), t.data(), null); }

        public Writer addBF16(String name, Tensor t) { return add(name, DType.BF16, t.shape(), t.data(), null); }

        public Writer addI64(String name, long[] values, int... shape) {
            return add(name, DType.I64, shape, null, values);
        }

        public Writer addI32(String name, long[] values, int... shape) {
            return add(name, DType.I32, shape, null, values);
        }

        public Writer metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        private Writer add(String name, DType dtype, int[] shape, float[] floats, long[] longs) {
            if (name.equals("__metadata__") || tensors.stream().anyMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("tensor name " + name + " is reserved or used twice");
            }
            int n = floats != null ? floats.length : longs.length;
            if (dev.rnn4j.tensor.Shapes.numel(shape) != n) {
                throw new IllegalArgumentException("tensor " + name + " has " + n + " values, shape "
                        + java.util.Arrays.toString(shape) + " needs " + dev.rnn4j.tensor.Shapes.numel(shape));
            }
            ByteBuffer b = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                switch (dtype) {
                    case F32 -> b.putFloat(floats[i]);
                    case F64 -> b.putDouble(floats[i]);
                    case F16 -> b.putShort(DType.toF16(floats[i]));
                    case BF16 -> b.putShort(DType.toBF16(floats[i]));
                    case I64 -> b.putLong(longs[i]);
                    case I32 -> b.putInt(Math.toIntExact(longs[i]));
                }
            }
            tensors.add(new Pending(name, dtype, shape.clone(), b.array()));
            return this;
        }

        public byte[] toBytes() {
            Map<String, Object> header = new LinkedHashMap<>();
            if (!metadata.isEmpty()) header.put("__metadata__", new LinkedHashMap<>(metadata));
            long off = 0;
            for (Pending p : tensors) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("dtype", p.dtype().name());
                e.put("shape", p.shape());
                e.put("data_offsets", List.of(off, off + p.data().length));
                header.put(p.name(), e);
                off += p.data().length;
            }
            byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) / 8 * 8;   // pad with spaces to 8 bytes, as the reference writer does
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + off)).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(padded).put(json);
            for (int i = json.length; i < padded; i++) out.put((byte) ' ');
            for (Pending p : tensors) out.put(p.data());
            return out.array();
        }

        /** Writes atomically: a reader sees the old file or the complete new one, never a partial one. */
        public void writeTo(Path file) { AtomicFiles.write(file, toBytes()); }
    }
}
