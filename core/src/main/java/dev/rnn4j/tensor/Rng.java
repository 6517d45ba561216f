package dev.rnn4j.tensor;

/**
 * The one source of randomness: a seeded SplitMix64 generator whose whole state is one {@code long},
 * so it can be saved in a checkpoint and restored for bit-exact resume.
 *
 * <pre>{@code
 * Rng rng = new Rng(42);
 * float u = rng.uniform(-0.1f, 0.1f);
 * Rng dropoutRng = rng.split();   // an independent stream
 * }</pre>
 */
public final class Rng {
    /** What the state advances by per draw: the n-th draw after state s mixes {@code s + n·GOLDEN_GAMMA}. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** The multipliers of the output mix ({@link #mix}). */
    public static final long MIX1 = 0xBF58476D1CE4E5B9L, MIX2 = 0x94D049BB133111EBL;
    private long state;

    public Rng(long seed) { this.state = seed; }

    /** The full state; {@code new Rng(0).restore(s)} continues exactly where this one is. */
    public long state() { return state; }

    public Rng restore(long savedState) { this.state = savedState; return this; }

    public long nextLong() { return mix(state += GOLDEN_GAMMA); }

    /**
     * SplitMix64's output function. A draw depends only on the state it mixes, so the n-th draw from state s is
     * {@code mix(s + n·GOLDEN_GAMMA)}: a kernel can draw any range of a stream on its own ({@link #skip}).
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    /** Moves past {@code draws} draws, as that many {@link #nextLong()} calls would. */
    public Rng skip(long draws) {
        state += draws * GOLDEN_GAMMA;
        return this;
    }

    /** Uniform in [0, 1) with 24 random bits, exactly representable as float. */
    public float nextFloat() { return (nextLong() >>> 40) * 0x1.0p-24f; }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    public float uniform(float lo, float hi) { return lo + (hi - lo) * nextFloat(); }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** Standard normal by Box-Muller (one value per call; deterministic, no cached spare). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** 0..n−1 in a random order (Fisher–Yates), e.g. to visit training examples in a new order every epoch. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A new generator whose stream is independent of this one's continuation. */
    public Rng split() { return new Rng(nextLong() ^ 0x5DEECE66DL); }
}
