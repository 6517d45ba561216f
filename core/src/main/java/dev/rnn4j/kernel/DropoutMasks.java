package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inverted-dropout masks drawn from an {@link Rng} stream, a vector of draws at a time and spread over the
 * kernel threads, with the bits of drawing one element after another ({@code rng.nextFloat() < p ? 0 : 1/(1−p)}).
 *
 * <pre>{@code
 * DropoutMasks.fill(rng.state(), 0.2f, mask, n);   // mask[i] from the stream's draw i + 1
 * rng.skip(n);
 * }</pre>
 *
 * SplitMix64's draw i + 1 after state s is {@code Rng.mix(s + (i + 1)·γ)}, so every range of the mask is drawn
 * on its own. {@code nextFloat() < p} compares the draw's top 24 bits {@code u}, as {@code u·2⁻²⁴ < p}; for an
 * integer u that is {@code u < ⌈p·2²⁴⌉}, compared here in 64-bit lanes. The default model's output dropout
 * (819,200 elements a step) took 8% of the main thread's time drawn one by one: a mispredicted branch per
 * element, and the other core waiting.
 */
public final class DropoutMasks {
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    /** Floats as many as the long lanes, for the mask's stores. */
    private static final VectorSpecies<Float> FS =
            FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(LS.vectorBitSize() / 2));
    private static final int LANES = LS.length();
    /** Elements per thread below which splitting costs more than it saves. */
    private static final int GRAIN = 1 << 15;

    private DropoutMasks() {}

    /** Fills {@code mask[0, n)} from the draws that follow {@code state}; the caller skips the stream past n. */
    public static void fill(long state, float p, float[] mask, int n) {
        if (n > mask.length) throw new IllegalArgumentException("mask holds " + mask.length + " values, need " + n);
        float scale = 1f / (1f - p);
        long threshold = (long) Math.ceil(p * 16777216.0);
        KernelPool.parallelRange(n, GRAIN, (from, to) -> fillRange(state, threshold, scale, mask, from, to));
    }

    private static void fillRange(long state, long threshold, float scale, float[] mask, int from, int to) {
        // lane j of the block at i mixes state + (i + j + 1)·γ
        LongVector laneSteps = LongVector.zero(LS).addIndex(1).add(1).mul(Rng.GOLDEN_GAMMA);
        FloatVector kept = FloatVector.broadcast(FS, scale);
        int i = from;
        for (int end = from + (to - from) / LANES * LANES; i < end; i += LANES) {
            LongVector z = LongVector.broadcast(LS, state + i * Rng.GOLDEN_GAMMA).add(laneSteps);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(Rng.MIX1);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(Rng.MIX2);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            VectorMask<Long> dropped = z.lanewise(VectorOperators.LSHR, 40).compare(VectorOperators.LT, threshold);
            kept.blend(0f, dropped.cast(FS)).intoArray(mask, i);
        }
        for (; i < to; i++) {
            long u = Rng.mix(state + (i + 1L) * Rng.GOLDEN_GAMMA) >>> 40;
            mask[i] = u < threshold ? 0f : scale;
        }
    }
}
