package dev.rnn4j.io;

import dev.rnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0), for arrays of int32, int64, float32 or float64 in C
 * order, so arrays move between {@code numpy.save}/{@code numpy.load} and rnn4j.
 *
 * <pre>{@code
 * Npy.Array x = Npy.read(Path.of("x.npy"));      // e.g. int32 token ids of shape (N, 100)
 * Tensor t = x.toTensor();                        // float32, integers kept exact up to 2^24
 * Npy.write(Path.of("y.npy"), prediction);        // float32 '<f4'
 * }</pre>
 *
 * The format: the magic {@code \x93NUMPY}, a major and a minor version byte, the header length (2 bytes
 * little-endian in version 1, 4 bytes in 2 and 3), then a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and a newline so the
 * data starts at a multiple of 64 bytes, then the values.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** The element types read and written, with NumPy's type code and size. */
    public enum Kind {
        INT32('i', 4), INT64('i', 8), FLOAT32('f', 4), FLOAT64('f', 8);

        final char code;
        final int bytes;

        Kind(char code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** NumPy's little-endian descriptor, e.g. {@code <f4}. */
        public String descr() { return "<" + code + bytes; }

        static Kind of(char code, int bytes) {
            for (Kind k : values()) if (k.code == code && k.bytes == bytes) return k;
            return null;
        }
    }

    /**
     * An array as stored: its element kind, shape and values (as doubles, which hold every int32, every
     * float32 and integers up to 2^53 exactly).
     */
    public record Array(Kind kind, int[] shape, double[] values) {
        public Array {
            if (kind == null) throw new IllegalArgumentException("kind must not be null");
            long n = 1;
            for (int d : shape) {
                if (d < 0) throw new IllegalArgumentException("shape dimensions must be >= 0, got "
                        + Arrays.toString(shape));
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                        + " values, got " + values.length);
            }
            shape = shape.clone();
        }

        @Override
        public int[] shape() { return shape.clone(); }

        /** As a float32 tensor; integers must be exact in float32 (|v| ≤ 2^24), as token ids are. */
        public Tensor toTensor() {
            float[] v = new float[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) values[i];
                if ((kind == Kind.INT32 || kind == Kind.INT64) && v[i] != values[i]) {
                    throw new IllegalArgumentException("integer " + (long) values[i] + " at index " + i
                            + " cannot be held exactly as float32 (|value| must be at most 2^24)");
                }
            }
            return new Tensor(v, shape);
        }

        /** A float32 tensor's values as an array of {@code kind}. */
        public static Array of(Tensor t, Kind kind) {
            double[] v = new double[t.numel()];
            for (int i = 0; i < v.length; i++) v[i] = t.data()[i];
            return new Array(kind, t.shape(), v);
        }
    }

    /**
     * Reads a {@code .npy} file; a malformed or unsupported file gets an {@link IllegalArgumentException} naming it.
     */
    public static Array read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the bytes of a {@code .npy} file. */
    public static Array parse(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException("not a .npy file (it must start with \\x93NUMPY)");
        }
        int major = bytes[6];
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new IllegalArgumentException("truncated .npy header");
            headerLength = in.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major + "." + bytes[7]
                    + " (1.0, 2.0 and 3.0 are read)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header: " + headerLength + " bytes announced, "
                    + (bytes.length - headerStart) + " present");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header), fortran = FORTRAN.matcher(header), shapeM = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeM.find()) {
            throw new IllegalArgumentException("malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): "
                    + header.strip());
        }
        Kind kind = Kind.of(descr.group(2).charAt(0), Integer.parseInt(descr.group(3)));
        if (kind == null) {
            throw new IllegalArgumentException("unsupported .npy dtype '" + descr.group(1) + descr.group(2)
                    + descr.group(3)
                    + "'; supported: int32, int64, float32, float64");
        }
        if (fortran.group(1).equals("True")) {
            throw new IllegalArgumentException("Fortran-order .npy arrays are not supported; "
                    + "save with np.ascontiguousarray(a)");
        }
        int[] shape = parseShape(shapeM.group(1));
        long count = 1;
        for (int d : shape) count = Math.multiplyExact(count, d);
        int dataStart = headerStart + (int) headerLength;
        long needed = count * kind.bytes;
        if (bytes.length - dataStart < needed) {
            throw new IllegalArgumentException("truncated .npy data: shape " + Arrays.toString(shape) + " of " + kind
                    + " needs " + needed + " bytes, " + (bytes.length - dataStart) + " present");
        }
        in.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).position(dataStart);
        double[] v = new double[Math.toIntExact(count)];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (kind) {
                case INT32 -> in.getInt();
                case INT64 -> in.getLong();
                case FLOAT32 -> in.getFloat();
                case FLOAT64 -> in.getDouble();
            };
        }
        return new Array(kind, shape, v);
    }

    private static int[] parseShape(String inner) {
        List<Integer> dims = new ArrayList<>();
        for (String part : inner.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            if (p.endsWith("L")) p = p.substring(0, p.length() - 1);   // Python 2 long literals
            try {
                dims.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed .npy shape (" + inner + ")");
            }
            if (dims.getLast() < 0) throw new IllegalArgumentException("negative dimension in .npy shape (" + inner
                    + ")");
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes a float32 tensor as {@code <f4}. */
    public static void write(Path file, Tensor t) { write(file, Array.of(t, Kind.FLOAT32)); }

    /** Writes an array in format version 1.0 (little-endian, C order), atomically. */
    public static void write(Path file, Array a) {
        AtomicFiles.write(file, toBytes(a));
    }

    /** The bytes of a {@code .npy} file holding {@code a}. */
    public static byte[] toBytes(Array a) {
        int[] shape = a.shape();
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
                a.kind().descr(), shapeText);
        int unpadded = 10 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > 0xFFFF) {
            throw new IllegalArgumentException("shape too long for a version 1.0 .npy header");
        }
        Kind kind = a.kind();
        ByteBuffer out = ByteBuffer.allocate(10 + header.length()
                + a.values().length * kind.bytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : a.values()) {
            switch (kind) {
                case INT32 -> out.putInt(Math.toIntExact((long) v));
                case INT64 -> out.putLong((long) v);
                case FLOAT32 -> out.putFloat((float) v);
                case FLOAT64 -> out.putDouble(v);
            }
        }
        return out.array();
    }
}
