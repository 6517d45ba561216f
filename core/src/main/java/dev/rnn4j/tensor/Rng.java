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
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) { this.state = seed; }

    /** The full state; {@code new Rng(0).restore(s)} continues exactly where this one is. */
    public long state() { return state; }

    public Rng restore(long savedState) { this.state = savedState; return this; }

    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
