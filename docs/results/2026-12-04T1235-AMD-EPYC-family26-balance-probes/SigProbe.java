package dev.rnn4j.kernel;
import jdk.incubator.vector.FloatVector;
import java.util.Random;
public class SigProbe {
    static final jdk.incubator.vector.VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static void sig2(float[] x, int off, int n) {
        int L = S.length(), j = 0;
        for (int bound = n - 2 * L; j <= bound; j += 2 * L) {
            FloatVector a = FloatVector.fromArray(S, x, off + j), b = FloatVector.fromArray(S, x, off + j + L);
            ActX.sigmoidNoDiv(a).intoArray(x, off + j);
            ActX.sigmoidNoDiv(b).intoArray(x, off + j + L);
        }
        for (; j < n; j += L) ActX.sigmoidNoDiv(FloatVector.fromArray(S, x, off + j)).intoArray(x, off + j);
    }
    static void copyLoop(float[] x, float[] y, int n) {
        for (int j = 0; j < n; j += S.length()) ActX.exp(FloatVector.fromArray(S, x, j)).intoArray(y, j);
    }
    public static void main(String[] args) {
        int n = 4096, reps = 200_000;
        Random r = new Random(1);
        float[] x0 = new float[n]; for (int i = 0; i < n; i++) x0[i] = (float) r.nextGaussian() * 2;
        float[] x = x0.clone(), y = new float[n];
        for (int round = 0; round < 12; round++) {
            System.arraycopy(x0, 0, x, 0, n);
            long t0 = System.nanoTime();
            for (int k = 0; k < reps / 10; k++) { Activations.sigmoidInPlace(x, 0, n); }
            long t1 = System.nanoTime();
            System.arraycopy(x0, 0, x, 0, n);
            for (int k = 0; k < reps / 10; k++) { sig2(x, 0, n); }
            long t2 = System.nanoTime();
            for (int k = 0; k < reps / 10; k++) { for (int j = 0; j < n; j += 4 * S.length()) ActX.exp4(x, j, y); }
            long t3 = System.nanoTime();
            for (int k = 0; k < reps / 10; k++) { copyLoop(x, y, n); }
            long t4 = System.nanoTime();
            double e = (double) n * reps / 10;
            System.out.printf("sigmoid %.3f  nodiv %.3f  exp4 %.3f  exp %.3f ns/elem%n", (t1-t0)/e, (t2-t1)/e, (t3-t2)/e, (t4-t3)/e);
        }
    }
}
