package dev.rnn4j.kernel;

import java.util.Random;

/**
 * The weight-gradient pair (dW_hh += dA^T h, dW_ih += dA^T x; 2,048 x (512 + 512) x 3,200) as built, against the same
 * products run the way sgemm 2048 runs on two threads: per k slice, B packed side by side and all of dA^T packed once
 * (the threads sharing the packing), then tasks of (column block, row run), each column block's runs before the next.
 * Checks that the two give the same bits.
 */
public class PairBlocksProbe {
    static float[] rnd(int n, long seed) { Random r = new Random(seed); float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
    static int split(int units, int parts, int t) { return (int) ((long) units * t / parts); }

    static void blocks(int G, int rows, float[] dA, float[] h, int P, float[] x, int I, float[] c1, float[] c2, float[] pa, PackedMatrix pb, int runs) {
        int depth = GemmBlocked.sliceDepth(rows), mPadded = GemmBlocked.roundUp(G, GemmMicroKernel.MR), rowTiles = mPadded / GemmMicroKernel.MR;
        for (int pc = 0; pc < rows; pc += depth) {
            int kc = Math.min(depth, rows - pc), p0 = pc;
            pb.packSideBySide(kc, h, p0 * P, P, x, p0 * I, I);
            KernelPool.parallelFor(2, t -> GemmBlocked.packRows(true, dA, p0 * G, G, split(rowTiles, 2, t) * GemmMicroKernel.MR,
                    Math.min(G, split(rowTiles, 2, t + 1) * GemmMicroKernel.MR), kc, pa, mPadded, null));
            int second = pb.secondStart();
            KernelPool.parallelFor(2 * runs, t -> {
                int block = t / runs, run = t % runs;
                int i0 = split(rowTiles, runs, run) * GemmMicroKernel.MR, i1 = Math.min(G, split(rowTiles, runs, run + 1) * GemmMicroKernel.MR);
                if (block == 0) GemmBlocked.multiplyPrepacked(i0, i1, 0, P, pa, mPadded, pb, 1f, null, 0, c1, 0, P);
                else GemmBlocked.multiplyPrepacked(i0, i1, second, second + I, pa, mPadded, pb, 1f, null, 0, c2, -second, I);
            });
        }
    }

    public static void main(String[] args) {
        int G = 2048, P = 512, I = 512, rows = 3200;
        float[] dA = rnd(rows * G, 1), h = rnd(rows * P, 2), x = rnd(rows * I, 3);
        float[] a1 = new float[G * P], a2 = new float[G * I], b1 = new float[G * P], b2 = new float[G * I];
        float[] pa = new float[G * GemmBlocked.sliceDepth(rows) + 64];
        PackedMatrix pb = new PackedMatrix();
        Gemm.sgemmPairWithColumnSums(G, rows, G, dA, 0, G, null, 0, 0, h, 0, P, a1, 0, x, 0, I, a2, 0, null, 0, null, 0);
        blocks(G, rows, dA, h, P, x, I, b1, b2, pa, pb, 8);
        System.out.println("same bits: " + java.util.Arrays.equals(a1, b1) + " " + java.util.Arrays.equals(a2, b2));
        double flops = 2.0 * G * (P + I) * rows;
        int rounds = 16;
        for (int runs : new int[] {8, 4, 8}) {
            double[] built = new double[rounds], blk = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Gemm.sgemmPairWithColumnSums(G, rows, G, dA, 0, G, null, 0, 0, h, 0, P, a1, 0, x, 0, I, a2, 0, null, 0, null, 0);
                built[r] = flops / (System.nanoTime() - t0);
                t0 = System.nanoTime();
                blocks(G, rows, dA, h, P, x, I, b1, b2, pa, pb, runs);
                blk[r] = flops / (System.nanoTime() - t0);
            }
            java.util.Arrays.sort(built, 2, rounds); java.util.Arrays.sort(blk, 2, rounds);
            System.out.printf("runs %d: pair as built %.1f, shared A + column blocks %.1f GFLOP/s (medians)%n", runs, built[9], blk[9]);
        }
    }
}
