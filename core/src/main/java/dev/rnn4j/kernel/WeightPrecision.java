package dev.rnn4j.kernel;

import java.util.Arrays;
import java.util.Locale;

/**
 * How an {@link InferenceMatrix} stores its weights: float32 as trained, bfloat16 (the top 16 bits of a
 * float32, rounded to nearest even), or int8 with one float32 scale per row ({@code w ≈ q · max|row| / 127}).
 * Products always accumulate in float32.
 *
 * <pre>{@code
 * WeightPrecision p = WeightPrecision.parse("int8");   // p.bytesPerWeight() == 1
 * }</pre>
 */
public enum WeightPrecision {
    FLOAT32(4), BF16(2), INT8(1);

    private final int bytesPerWeight;

    WeightPrecision(int bytesPerWeight) { this.bytesPerWeight = bytesPerWeight; }

    /** Bytes one stored weight takes (int8's row scales come on top: 4 bytes per row). */
    public int bytesPerWeight() { return bytesPerWeight; }

    /** The name used on the command line: {@code float32}, {@code bf16}, {@code int8}. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** The precision named {@code name} (case-insensitive), or an exception listing the choices. */
    public static WeightPrecision parse(String name) {
        for (WeightPrecision p : values()) if (p.label().equalsIgnoreCase(name)) return p;
        throw new IllegalArgumentException("weight precision must be one of "
                + Arrays.stream(values()).map(WeightPrecision::label).toList() + ", got '" + name + "'");
    }
}
