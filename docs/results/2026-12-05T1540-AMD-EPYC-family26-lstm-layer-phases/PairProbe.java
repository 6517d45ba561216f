package dev.rnn4j.kernel;
public class PairProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(Integer.parseInt(args[0]));
        int rows = 3200, G = 2048, P = 512, I = 512;
        java.util.Random r = new java.util.Random(1);
        float[] dA = new float[rows * G], h = new float[rows * P], x = new float[rows * I];
        float[] dWhh = new float[G * P], dWih = new float[G * I], b1 = new float[G], b2 = new float[G];
        for (int i = 0; i < dA.length; i++) dA[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < h.length; i++) { h[i] = r.nextFloat() - 0.5f; x[i] = r.nextFloat() - 0.5f; }
        PackedMatrix pm = new PackedMatrix();
        float[] pa = new float[40 * 1600];
        for (int round = 0; round < 6; round++) {
            long bestPair = Long.MAX_VALUE, bestPackB = Long.MAX_VALUE, bestPackA = Long.MAX_VALUE, bestOne = Long.MAX_VALUE;
            for (int rep = 0; rep < 15; rep++) {
                long t0 = System.nanoTime();
                Gemm.sgemmPairWithColumnSums(G, rows, G, dA, 0, G, null, 0, 0, h, 0, P, dWhh, 0, x, 0, I, dWih, 0, b1, 0, b2, 0);
                long t1 = System.nanoTime();
                pm.packSideBySide(rows, h, 0, P, x, 0, I);
                long t2 = System.nanoTime();
                // A packing alone, one thread, all of op(A) = dAᵀ in 40-row blocks, 2 slices
                for (int ic = 0; ic < G; ic += 40) for (int pc = 0; pc < rows; pc += 1600)
                    GemmPacking.packA(true, dA, 0, G, ic, Math.min(40, G - ic), pc, 1600, pa, 0);
                long t3 = System.nanoTime();
                Gemm.sgemm(true, false, G, P, rows, dA, 0, G, h, 0, P, 1f, dWhh, 0, P);
                long t4 = System.nanoTime();
                bestPair = Math.min(bestPair, t1 - t0); bestPackB = Math.min(bestPackB, t2 - t1);
                bestPackA = Math.min(bestPackA, t3 - t2); bestOne = Math.min(bestOne, t4 - t3);
            }
            System.out.printf("threads %s: pair %.0f us (%.0f GFLOP/s); packSideBySide %.0f us; packA all (1 thread) %.0f us; one dW %.0f us (%.0f)%n",
                args[0], bestPair / 1e3, 2.0 * G * (P + I) * rows / bestPair, bestPackB / 1e3, bestPackA / 1e3, bestOne / 1e3, 2.0 * G * P * rows / bestOne);
        }
    }
}
