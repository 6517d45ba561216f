import dev.rnn4j.kernel.*;

public class GemmProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(Integer.getInteger("threads", 2));
        int m = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]);
        boolean transB = args.length > 3 && args[3].equals("tB");
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n], row = new float[n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        int ldb = transB ? k : n;
        for (int i = 0; i < 10; i++) Gemm.sgemm(false, transB, m, n, k, a, 0, k, b, 0, ldb, 0f, c, 0, n);
        double[] g = new double[30];
        for (int i = 0; i < g.length; i++) {
            long s = System.nanoTime();
            Gemm.sgemm(false, transB, m, n, k, a, 0, k, b, 0, ldb, 0f, c, 0, n);
            g[i] = 2.0 * m * n * k / (System.nanoTime() - s);
        }
        java.util.Arrays.sort(g);
        System.out.printf("%dx%dx%d %s: median %.1f GFLOP/s (q1 %.1f q3 %.1f)%n", m, n, k, transB ? "tB" : "", g[15], g[7], g[22]);
    }
}
