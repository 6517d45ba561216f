package dev.rnn4j.torch;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a pickle's bytes for the {@link RestrictedUnpickler}: opcode arguments (little-endian integers,
 * big-endian floats, UTF-8 strings, GLOBAL's text lines), each checked against the end before it is read, so
 * a length in a damaged file never asks for more than the file holds.
 */
final class PickleBytes {
    private static final int MAX_GLOBAL_NAME = 200;

    private final byte[] b;
    private final ByteBuffer buf;
    private final String source;
    private int pos;

    PickleBytes(byte[] pickle, int start, String source) {
        this.b = pickle;
        this.buf = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
        this.pos = start;
    }

    /** The offset of the next byte to read. */
    int pos() { return pos; }

    int i32() { return buf.getInt(advance(4)); }

    double float64() { return ByteBuffer.wrap(b, advance(8), 8).order(ByteOrder.BIG_ENDIAN).getDouble(); }

    /** LONG1: a little-endian two's complement integer of n bytes; a Long, or a BigInteger (never a size). */
    Object long1() {
        int n = u8();
        byte[] le = new byte[n];
        System.arraycopy(b, advance(n), le, 0, n);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) be[i] = le[n - 1 - i];
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        return v.bitLength() > 63 ? v : (Object) v.longValue();
    }

    String line() {
        int start = pos;
        while (pos < b.length && b[pos] != '\n') {
            if (pos - start > MAX_GLOBAL_NAME || b[pos] < 0x20
                    || b[pos] > 0x7e) throw problem("has a damaged global name at byte " + start);
            pos++;
        }
        if (pos >= b.length) throw truncated();
        String s = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        pos++;
        return s;
    }

    String utf8(int n) {
        int at = advance(n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, at, n)).toString();
        } catch (CharacterCodingException e) {
            throw problem("has a string that is not valid UTF-8 at byte " + at);
        }
    }

    byte[] bytes(int n) {
        int at = advance(n);
        byte[] out = new byte[n];
        System.arraycopy(b, at, out, 0, n);
        return out;
    }

    int count(long n, String what) {
        if (n < 0 || n > b.length - pos) throw problem("is damaged: a " + what + " of " + Long.toUnsignedString(n)
                + " runs past the end of its pickle");
        return (int) n;
    }

    int u8() { return b[advance(1)] & 0xFF; }

    int u16() { return Short.toUnsignedInt(buf.getShort(advance(2))); }

    long u32() { return Integer.toUnsignedLong(buf.getInt(advance(4))); }

    long u64() { return buf.getLong(advance(8)); }   // a negative value is over 2^63: count() refuses it

    void skip(int n) { advance(n); }

    private int advance(int n) {
        if (n > b.length - pos) throw truncated();
        int at = pos;
        pos += n;
        return at;
    }

    private TorchFormatException truncated() {
        return problem("is truncated or damaged: its pickle ends without STOP");
    }

    private TorchFormatException problem(String problem) { return new TorchFormatException(source + " " + problem); }
}
