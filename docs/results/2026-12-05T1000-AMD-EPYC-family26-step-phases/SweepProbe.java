import dev.rnn4j.kernel.*;
public class SweepProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(Integer.parseInt(args[0]));
        int rows = 3200, G = 1024, P = 256, V = 65;
        java.util.Random r = new java.util.Random(1);
        float[] dA = new float[rows * G], h = new float[rows * P], dW = new float[G * P], db = new float[G], db2 = new float[G];
        float[] sums = new float[V * G];
        int[] index = new int[rows];
        for (int i = 0; i < dA.length; i++) dA[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < h.length; i++) h[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < rows; i++) index[i] = r.nextInt(V);
        for (int round = 0; round < 4; round++) {
            long bestG = Long.MAX_VALUE, bestS = Long.MAX_VALUE, bestP = Long.MAX_VALUE;
            for (int rep = 0; rep < 40; rep++) {
                long t0 = System.nanoTime();
                Gemm.sgemmWithColumnSums(false, G, P, rows, dA, 0, G, h, 0, P, 1f, dW, 0, P, db, 0, db2, 0);
                long t1 = System.nanoTime();
                java.util.Arrays.fill(sums, 0f);
                Rows.addRowsByIndex(rows, G, dA, index, sums, 0);
                long t2 = System.nanoTime();
                Gemm.sgemm(true, false, G, P, rows, dA, 0, G, h, 0, P, 1f, dW, 0, P);
                long t3 = System.nanoTime();
                bestG = Math.min(bestG, t1 - t0); bestS = Math.min(bestS, t2 - t1); bestP = Math.min(bestP, t3 - t2);
            }
            System.out.printf("threads %s: dW_hh with sums %.0f us (%.0f GFLOP/s), plain %.0f us (%.0f), addRowsByIndex %.0f us%n", args[0],
                bestG / 1e3, 2.0 * G * P * rows / bestG, bestP / 1e3, 2.0 * G * P * rows / bestP, bestS / 1e3);
        }
    }
}
