import dev.rnn4j.kernel.*;

public class SmallStepProbe {
    public static void main(String[] args) {
        KernelPool.setThreads(1);
        int rows = Integer.parseInt(args[0]), H = Integer.parseInt(args[1]), G = 4 * H;
        java.util.Random r = new java.util.Random(1);
        float[] w = new float[G * H], h = new float[rows * H], a = new float[rows * G], c = new float[rows * H], hOut = new float[rows * H], tanhC = new float[rows * H];
        float[] dh = new float[rows * H], dc = new float[rows * H], dg = new float[rows * G], cp = new float[rows * H];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.1f;
        for (int i = 0; i < h.length; i++) { h[i] = (float) r.nextGaussian(); dh[i] = h[i] * 0.1f; cp[i] = h[i] * 0.5f; }
        PackedMatrix pw = new PackedMatrix().pack(true, H, G, w, 0, H);
        PackedMatrix pwb = new PackedMatrix().pack(false, G, H, w, 0, H);
        int n = 20000;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) Gemm.sgemm(false, rows, h, 0, H, pw, 1f, a, 0, G);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(a, 0.1f);
                for (int b = 0; b < rows; b++) LstmGates.forward(H, a, b * G, c, b * H, hOut, b * H, tanhC, b * H);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) Gemm.sgemm(false, rows, dg, 0, G, pwb, 0f, dh, 0, H);
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) for (int b = 0; b < rows; b++) LstmGates.backwardFromTanh(H, a, b * G, cp, b * H, tanhC, b * H, dh, b * H, dc, b * H, dg, b * G);
            long t4 = System.nanoTime();
            double flops = 2.0 * rows * H * G;
            if (round > 1) System.out.printf("fwd gemm %.2f us (%.0f GFLOP/s)  fwd gates %.2f us  bwd gemm %.2f us (%.0f)  bwd gates %.2f us%n",
                (t1 - t0) / 1e3 / n, flops * n / (t1 - t0), (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, flops * n / (t3 - t2), (t4 - t3) / 1e3 / n);
        }
    }
}
