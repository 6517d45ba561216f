package dev.rnn4j.kernel;

import dev.rnn4j.tensor.Rng;
import jdk.incubator.vector.FloatVector;

/**
 * A fingerprint of the bits {@link Activations} produces on a fixed set of inputs, through the vector and the
 * scalar path. {@code ActivationsTest} runs {@link #main} in fresh JVMs pinned to one execution tier
 * ({@code -Xint}, C1 only) and compares with the fingerprint after C2 has compiled the code in its own JVM.
 */
final class ActivationsChecksum {
    private ActivationsChecksum() {}

    /** Prints {@link #of(int)} for the given number of repetitions (default 1). */
    public static void main(String[] args) {
        System.out.println(of(args.length > 0 ? Integer.parseInt(args[0]) : 1));
    }

    /** Inputs that cover every branch: ±0, tiny, around the tanh switch at 0.625, the clamps, ±∞, NaN. */
    static float[] inputs() {
        Rng rng = new Rng(2024);
        float[] x = new float[4096];
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-20f, 0.625f, -0.625f,
                Math.nextDown(0.625f), 9f, 17f, -17f, 87f, -87f, 88f, -88f, 88.5f, -88.5f, 100f, -100f,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        System.arraycopy(special, 0, x, 0, special.length);
        float[] scales = {1e-3f, 0.3f, 1f, 3f, 10f, 40f};
        for (int i = special.length; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * scales[i % scales.length]);
        return x;
    }

    /** A hash of the output bits of vector and scalar sigmoid and tanh over {@link #inputs()}, computed reps times. */
    static String of(int reps) {
        float[] x = inputs();
        float[] y = new float[4 * x.length];
        for (int r = 0; r < reps; r++) apply(x, y);
        long h = 1125899906842597L;
        for (float v : y) h = 31 * h + Float.floatToIntBits(v);
        return Long.toHexString(h);
    }

    /** y = [vector σ(x), vector tanh(x), scalar σ(x), scalar tanh(x)]. */
    static void apply(float[] x, float[] y) {
        int n = x.length, step = Activations.S.length();
        for (int j = 0; j < n; j += step) {
            FloatVector v = FloatVector.fromArray(Activations.S, x, j);
            Activations.sigmoid(v).intoArray(y, j);
            Activations.tanh(v).intoArray(y, n + j);
        }
        for (int j = 0; j < n; j++) {
            y[2 * n + j] = Activations.sigmoid(x[j]);
            y[3 * n + j] = Activations.tanh(x[j]);
        }
    }
}
