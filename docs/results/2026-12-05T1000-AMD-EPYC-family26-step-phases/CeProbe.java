import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.kernel.KernelPool;
public class CeProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(Integer.parseInt(args[0]));
        int n = 2500, c = 65;
        java.util.Random r = new java.util.Random(1);
        float[] x = new float[n * c], d = new float[n * c];
        int[] t = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 3);
        for (int i = 0; i < n; i++) t[i] = r.nextInt(c);
        CrossEntropy ce = new CrossEntropy();
        double sink = 0;
        for (int round = 0; round < 5; round++) {
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 200; rep++) {
                long t0 = System.nanoTime();
                sink += ce.compute(x, n, c, t, d);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("threads %s: %.1f us per call (%.2f ns/element) %s%n", args[0], best / 1e3, (double) best / (n * c), sink > 0 ? "" : "");
        }
        long h = 0; for (float v : d) h = h * 31 + Float.floatToRawIntBits(v);
        System.out.println("hash " + h + " loss " + ce.compute(x, n, c, t, d));
    }
}
