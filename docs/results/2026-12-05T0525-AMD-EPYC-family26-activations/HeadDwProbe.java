package dev.rnn4j.kernel;
/** dW[65×H] += dyᵀ·x over 2,500 rows (k), the head's weight gradient: its B packing and product timed apart. */
public class HeadDwProbe {
    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]), in = Integer.parseInt(args[1]), out = 65;
        java.util.Random r = new java.util.Random(1);
        float[] x = new float[rows * in], dy = new float[rows * out], dW = new float[out * in];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextGaussian();
        PackedMatrix pm = new PackedMatrix();
        boolean prepack = args.length > 2;
        PackedMatrix[] pre = new PackedMatrix[2];
        for (int i = 0; i < 2; i++) { int d0 = GemmBlocked.sliceDepth(rows); pre[i] = new PackedMatrix().pack(false, Math.min(d0, rows - i * d0), in, x, i * d0 * in, in); }
        int depth = GemmBlocked.sliceDepth(rows), rowTiles = (out + 7) / 8;
        for (int threads : new int[] {1, 2, 1, 2}) {
            KernelPool.setThreads(threads);
            for (int tasks : new int[] {1, 2, 3, 9}) {
                int reps = 400;
                long tp = 0, tm = 0;
                for (int rep = 0; rep < 2 * reps; rep++) {
                    for (int pc = 0; pc < rows; pc += depth) {
                        int kc = Math.min(depth, rows - pc);
                        long a = System.nanoTime();
                        PackedMatrix p = prepack ? pre[pc / depth] : pm.pack(false, kc, in, x, pc * in, in);
                        long b = System.nanoTime();
                        int aOff = pc * out, nt = threads == 1 ? 1 : tasks;
                        KernelPool.parallelFor(nt, t -> GemmBlocked.multiplyPacked(true,
                                (int) ((long) rowTiles * t / nt) * 8, Math.min(out, (int) ((long) rowTiles * (t + 1) / nt) * 8),
                                0, in, dy, aOff, out, p, 1f, null, 0, dW, 0, in, null));
                        long c = System.nanoTime();
                        if (rep >= reps) { tp += b - a; tm += c - b; }
                    }
                }
                System.out.printf("rows %d H %d threads %d tasks %d: pack B %.0f us, product %.0f us%n", rows, in, threads,
                        threads == 1 ? 1 : tasks, tp / 1e3 / reps, tm / 1e3 / reps);
                if (threads == 1) break;
            }
        }
        System.exit(0);
    }
}
