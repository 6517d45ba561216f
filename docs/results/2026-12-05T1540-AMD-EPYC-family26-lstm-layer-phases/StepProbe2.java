package dev.rnn4j.kernel;
public class StepProbe2 {
    public static void main(String[] args) throws Exception {
        int M = Integer.parseInt(args[0]), N = Integer.parseInt(args[1]), K = Integer.parseInt(args[2]);
        boolean trans = Boolean.parseBoolean(args[3]); int threads = Integer.parseInt(args[4]);
        KernelPool.setThreads(1);
        java.util.Random r = new java.util.Random(1);
        float[] w = new float[N * K];
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
        PackedMatrix pm = new PackedMatrix();
        if (trans) pm.pack(true, K, N, w, 0, K); else pm.pack(false, K, N, w, 0, N);
        Thread[] ts = new Thread[threads];
        double[] res = new double[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            final PackedMatrix own = Boolean.getBoolean("own") ? new PackedMatrix() : pm;
            if (own != pm) { if (trans) own.pack(true, K, N, w, 0, K); else own.pack(false, K, N, w, 0, N); }
            ts[t] = new Thread(() -> {
                float[] pad = new float[Integer.getInteger("pad" + id, 0)];
                float[] h = new float[M * K], c = new float[M * N];
                if (pad.length > 0 && id > 99) System.out.println(pad[0]);
                for (int i = 0; i < h.length; i++) h[i] = (float) Math.sin(i);
                double best = 0; long tot = 0; long fl = 0;
                for (int round = 0; round < Integer.getInteger("rounds", 40); round++) {
                    long t0 = System.nanoTime();
                    for (int s = 0; s < 50; s++) Gemm.sgemm(false, M, h, 0, K, own, 0f, c, 0, N);
                    long dt = System.nanoTime() - t0;
                    best = Math.max(best, 2.0 * M * N * K * 50 / dt); if (round >= Integer.getInteger("rounds", 40) / 4) { tot += dt; fl += 2L * M * N * K * 50; }
                }
                res[id] = (double) fl / tot;
            });
        }
        if (Boolean.getBoolean("reverse")) { for (int t = threads - 1; t >= 0; t--) { ts[t].start(); Thread.sleep(50); } } else for (Thread t : ts) t.start();
        for (Thread t : ts) t.join();
        System.out.printf("M %d N %d K %d threads %d: per thread best %s GFLOP/s%n", M, N, K, threads, java.util.Arrays.toString(res));
    }
}
