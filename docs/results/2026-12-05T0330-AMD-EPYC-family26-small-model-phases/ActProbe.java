package dev.rnn4j.kernel;
import java.util.Random;
public class ActProbe {
    public static void main(String[] args) {
        int n = 4096;
        Random r = new Random(1);
        float[] src = new float[n]; for (int i = 0; i < n; i++) src[i] = (float) r.nextGaussian() * 2;
        float[] x = src.clone();
        int L = Activations.S.length();
        for (int round = 0; round < 5; round++) {
            int reps = 20000;
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) { System.arraycopy(src, 0, x, 0, n); Activations.sigmoidInPlace(x, 0, n); }
            double sig = (System.nanoTime() - s) / (double) reps / (n / L);
            s = System.nanoTime();
            for (int i = 0; i < reps; i++) { System.arraycopy(src, 0, x, 0, n); Activations.tanhInPlace(x, 0, n); }
            double th = (System.nanoTime() - s) / (double) reps / (n / L);
            s = System.nanoTime();
            for (int i = 0; i < reps; i++) { System.arraycopy(src, 0, x, 0, n); }
            double cp = (System.nanoTime() - s) / (double) reps / (n / L);
            System.out.printf("ns per %d-lane vector: sigmoid %.2f  tanh %.2f  (copy %.2f)%n", L, sig - cp, th - cp, cp);
        }
        System.exit(0);
    }
}
