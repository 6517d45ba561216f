package dev.rnn4j.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive held in memory, as {@code torch.save} writes them (stored, 64-byte aligned,
 * with zip64 end records); deflated entries (a re-zipped checkpoint) are read too. Everything is checked
 * against the file's length before use and every entry's CRC-32 is verified, so a damaged or hostile
 * archive fails with one {@link TorchFormatException} instead of reading out of bounds or inflating a bomb.
 *
 * <pre>{@code
 * ZipArchive zip = ZipArchive.parse(Files.readAllBytes(path), path.toString());
 * byte[] pickle = zip.read("m/data.pkl");
 * }</pre>
 */
final class ZipArchive {
    private static final int LOCAL = 0x04034b50, CENTRAL = 0x02014b50, END = 0x06054b50;
    private static final int END64 = 0x06064b50, END64_LOCATOR = 0x07064b50;
    private static final int MAX_ENTRIES = 1 << 20;
    /** DEFLATE cannot compress better than about 1032:1; a larger declared ratio is a lie or a bomb. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private record Entry(int method, long crc, long compressedSize, long size, long localOffset) {}

    private final byte[] bytes;
    private final ByteBuffer buf;
    private final String source;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private ZipArchive(byte[] bytes, String source) {
        this.bytes = bytes;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == LOCAL;
    }

    /** Reads the central directory of {@code bytes}; {@code source} names the file in errors. */
    static ZipArchive parse(byte[] bytes, String source) {
        ZipArchive zip = new ZipArchive(bytes, source);
        zip.readDirectory();
        return zip;
    }

    /** Entry names in directory order. */
    List<String> names() { return new ArrayList<>(entries.keySet()); }

    boolean has(String name) { return entries.containsKey(name); }

    /** The entry's bytes, inflated if need be, CRC-checked. */
    byte[] read(String name) {
        Entry e = entries.get(name);
        if (e == null) throw fail("has no entry " + name);
        long local = e.localOffset();
        need(local, 30, "local header of " + name);
        if (buf.getInt((int) local) != LOCAL) throw fail("entry " + name + " has no local header at byte " + local);
        long dataStart = local + 30 + u16(local + 26) + u16(local + 28);
        need(dataStart, e.compressedSize(), "data of " + name);
        byte[] out = switch (e.method()) {
            case 0 -> {
                if (e.compressedSize() != e.size()) throw fail("stored entry " + name + " has two different sizes");
                byte[] b = new byte[(int) e.size()];
                System.arraycopy(bytes, (int) dataStart, b, 0, b.length);
                yield b;
            }
            case 8 -> inflate(name, (int) dataStart, e);
            default -> throw fail("entry " + name + " uses compression method " + e.method()
                    + " (only stored and deflated are read)");
        };
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) throw fail("entry " + name + " is damaged (CRC-32 mismatch)");
        return out;
    }

    private byte[] inflate(String name, int start, Entry e) {
        if (e.size() > Math.max(1024, e.compressedSize() * MAX_DEFLATE_RATIO)) {
            throw fail("entry " + name + " claims " + e.size() + " bytes from " + e.compressedSize() + " compressed");
        }
        byte[] out = new byte[(int) e.size()];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, start, (int) e.compressedSize());
            int n = 0;
            while (n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
            boolean more = !inflater.finished() && inflater.inflate(new byte[1]) > 0;
            if (n != out.length || more) {
                throw fail("entry " + name + " inflates to a size other than the declared " + e.size() + " bytes");
            }
            return out;
        } catch (DataFormatException ex) {
            throw fail("entry " + name + " is not valid deflate data (" + ex.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private void readDirectory() {
        int end = findEnd();
        long count = u16(end + 10), dirSize = u32(end + 12), dirOffset = u32(end + 16);
        if (count == 0xFFFF || dirSize == 0xFFFFFFFFL || dirOffset == 0xFFFFFFFFL) {
            long locator = end - 20L;
            need(locator, 20, "zip64 end locator");
            if (buf.getInt((int) locator) != END64_LOCATOR) {
                throw fail("has no zip64 end locator where its end record says");
            }
            long end64 = buf.getLong((int) locator + 8);
            need(end64, 56, "zip64 end record");
            if (buf.getInt((int) end64) != END64) throw fail("has no zip64 end record at byte " + end64);
            count = buf.getLong((int) end64 + 32);
            dirSize = buf.getLong((int) end64 + 40);
            dirOffset = buf.getLong((int) end64 + 48);
        }
        if (count < 0 || count > MAX_ENTRIES) throw fail("claims " + count + " entries");
        need(dirOffset, dirSize, "central directory");
        long at = dirOffset, limit = dirOffset + dirSize;
        for (long i = 0; i < count; i++) {
            need(at, 46, "central directory entry " + i);
            if (at + 46 > limit || buf.getInt((int) at) != CENTRAL) throw fail("central directory entry " + i
                    + " is damaged");
            int flags = u16(at + 8), method = u16(at + 10), nameLength = u16(at + 28), extraLength = u16(at + 30);
            long crc = u32(at + 16), compressed = u32(at + 20), size = u32(at + 24), local = u32(at + 42);
            need(at + 46, nameLength + extraLength + u16(at + 32), "central directory entry " + i);
            if ((flags & 1) != 0) throw fail("is encrypted");
            String name = new String(bytes, (int) at + 46, nameLength, StandardCharsets.UTF_8);
            long[] big = {size, compressed, local};
            zip64Sizes(at + 46 + nameLength, extraLength, big);
            if (big[0] > Integer.MAX_VALUE - 8 || big[1] > Integer.MAX_VALUE - 8 || big[0] < 0 || big[1] < 0) {
                throw fail("entry " + name + " is too large for this reader (" + big[0] + " bytes)");
            }
            if (entries.put(name, new Entry(method, crc, big[1], big[0], big[2])) != null) {
                throw fail("has two entries named " + name);
            }
            at += 46L + nameLength + extraLength + u16(at + 32);
        }
    }

    /** Replaces the saturated 32-bit {size, compressed, offset} with the zip64 extra field's 64-bit values. */
    private void zip64Sizes(long at, int length, long[] values) {
        long end = at + length;
        while (at + 4 <= end) {
            int id = u16(at), size = u16(at + 2);
            if (at + 4 + size > end) throw fail("has a damaged extra field");
            if (id == 1) {
                long p = at + 4;
                for (int k = 0; k < 3; k++) {
                    if (values[k] != 0xFFFFFFFFL) continue;
                    if (p + 8 > at + 4 + size) throw fail("has a short zip64 extra field");
                    values[k] = buf.getLong((int) p);
                    p += 8;
                }
            }
            at += 4 + size;
        }
    }

    private int findEnd() {
        for (long at = bytes.length - 22L; at >= Math.max(0, bytes.length - 22L - 0xFFFF); at--) {
            if (buf.getInt((int) at) == END) return (int) at;
        }
        throw fail("is truncated or not a zip archive (no end of central directory record)");
    }

    private void need(long at, long length, String what) {
        if (at < 0 || length < 0 || at > bytes.length || length > bytes.length - at) {
            throw fail("is truncated or damaged: its " + what + " lies outside the file (" + bytes.length + " bytes)");
        }
    }

    private int u16(long at) {
        need(at, 2, "header");
        return Short.toUnsignedInt(buf.getShort((int) at));
    }

    private long u32(long at) {
        need(at, 4, "header");
        return Integer.toUnsignedLong(buf.getInt((int) at));
    }

    private TorchFormatException fail(String problem) {
        return new TorchFormatException(source + " " + problem);
    }
}
