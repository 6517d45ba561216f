import dev.rnn4j.kernel.*;
import jdk.incubator.vector.*;
public class RowsProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static void blocked(int rows, int n, float[] src, int[] index, float[] dst, int block) {
        for (int c0 = 0; c0 < n; c0 += block) {
            int w = Math.min(block, n - c0);
            for (int r = 0; r < rows; r++) {
                int so = r * n + c0, d = index[r] * n + c0;
                int j = 0;
                for (int bound = S.loopBound(w); j < bound; j += S.length())
                    FloatVector.fromArray(S, dst, d + j).add(FloatVector.fromArray(S, src, so + j)).intoArray(dst, d + j);
                for (; j < w; j++) dst[d + j] += src[so + j];
            }
        }
    }
    public static void main(String[] args) {
        KernelPool.setThreads(1);
        int rows = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), V = 65;
        java.util.Random r = new java.util.Random(1);
        float[] src = new float[rows * n], a = new float[V * n], b = new float[V * n];
        int[] index = new int[rows];
        for (int i = 0; i < src.length; i++) src[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < rows; i++) index[i] = r.nextInt(V);
        for (int round = 0; round < 3; round++) {
            long b0 = Long.MAX_VALUE; long[] bb = new long[4]; java.util.Arrays.fill(bb, Long.MAX_VALUE);
            int[] blocks = {64, 128, 256, 512};
            for (int rep = 0; rep < 30; rep++) {
                java.util.Arrays.fill(a, 0f);
                long t0 = System.nanoTime();
                Rows.addRowsByIndex(rows, n, src, index, a, 0);
                b0 = Math.min(b0, System.nanoTime() - t0);
                for (int q = 0; q < 4; q++) {
                    java.util.Arrays.fill(b, 0f);
                    long t1 = System.nanoTime();
                    blocked(rows, n, src, index, b, blocks[q]);
                    bb[q] = Math.min(bb[q], System.nanoTime() - t1);
                }
            }
            System.out.printf("%dx%d: current %.0f us; blocked 64 %.0f, 128 %.0f, 256 %.0f, 512 %.0f; same %b%n", rows, n, b0 / 1e3,
                bb[0] / 1e3, bb[1] / 1e3, bb[2] / 1e3, bb[3] / 1e3, java.util.Arrays.equals(a, b));
        }
    }
}
