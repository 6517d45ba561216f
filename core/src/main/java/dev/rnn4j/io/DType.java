package dev.rnn4j.io;

/** The safetensors element types rnn4j reads and writes, with their sizes in bytes. */
public enum DType {
    F32(4), F64(8), F16(2), BF16(2), I32(4), I64(8);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }

    static DType of(String name) {
        for (DType d : values()) if (d.name().equals(name)) return d;
        return null;
    }

    /** float32 → IEEE half, round to nearest even (overflow to ±Inf, NaN kept). */
    static short toF16(float f) { return Float.floatToFloat16(f); }

    static float fromF16(short h) { return Float.float16ToFloat(h); }

    /** float32 → bfloat16 (the top 16 bits), round to nearest even; NaN stays a quiet NaN. */
    static short toBF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x0040);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    static float fromBF16(short b) { return Float.intBitsToFloat((b & 0xFFFF) << 16); }
}
