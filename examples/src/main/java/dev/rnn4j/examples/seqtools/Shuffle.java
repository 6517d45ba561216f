package dev.rnn4j.examples.seqtools;

import dev.rnn4j.tensor.Rng;

/**
 * Seeded permutations for visiting training examples in a new order every epoch.
 *
 * <pre>{@code
 * for (int i : Shuffle.permutation(train.size(), rng)) { ... }
 * }</pre>
 */
public final class Shuffle {
    private Shuffle() {}

    /** 0..n−1 in a random order (Fisher–Yates), drawn from {@code rng}. */
    public static int[] permutation(int n, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
