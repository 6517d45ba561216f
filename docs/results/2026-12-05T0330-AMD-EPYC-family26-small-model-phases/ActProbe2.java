package dev.rnn4j.kernel;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
public class ActProbe2 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static void sig1(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) Activations.sigmoid(FloatVector.fromArray(S, x, j)).intoArray(x, j);
    }
    static void sig2(float[] x, int n) {
        int L = S.length();
        for (int j = 0; j < n; j += 2 * L) {
            FloatVector a = FloatVector.fromArray(S, x, j), b = FloatVector.fromArray(S, x, j + L);
            Activations.sigmoid(a).intoArray(x, j);
            Activations.sigmoid(b).intoArray(x, j + L);
        }
    }
    static void recip(float[] x, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += S.length()) one.div(FloatVector.fromArray(S, x, j).add(1f)).intoArray(x, j);
    }
    static void mulOnly(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) FloatVector.fromArray(S, x, j).add(1f).mul(0.5f).intoArray(x, j);
    }
    interface F { void run(float[] x, int n); }
    public static void main(String[] args) {
        int n = 4096, L = S.length();
        Random r = new Random(1);
        float[] src = new float[n]; for (int i = 0; i < n; i++) src[i] = (float) r.nextGaussian() * 2;
        float[] x = src.clone();
        F[] fs = {ActProbe2::sig1, ActProbe2::sig2, ActProbe2::recip, ActProbe2::mulOnly};
        String[] names = {"sigmoid", "sigmoid x2 unrolled", "1/(1+x)", "(x+1)*0.5"};
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int f = 0; f < fs.length; f++) {
                int reps = 20000;
                long s = System.nanoTime();
                for (int i = 0; i < reps; i++) { System.arraycopy(src, 0, x, 0, n); fs[f].run(x, n); }
                sb.append(String.format("%s %.2f  ", names[f], (System.nanoTime() - s) / (double) reps / (n / L)));
            }
            System.out.println(sb);
        }
        System.exit(0);
    }
}
