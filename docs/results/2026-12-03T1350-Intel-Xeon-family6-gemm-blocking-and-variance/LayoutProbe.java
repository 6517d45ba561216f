import dev.rnn4j.kernel.*;
import java.util.*;
public class LayoutProbe {
    public static void main(String[] args) {
        int b = 64, g = 2048, h = 512, t = 50;
        Random r = new Random(Long.parseLong(args[0]));
        List<float[]> keep = new ArrayList<>();
        for (int trial = 0; trial < 10; trial++) {
            keep.add(new float[r.nextInt(40000)]);
            float[] x = new float[b * h], w = new float[g * h], a = new float[b * g];
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
            PackedMatrix packed = new PackedMatrix();
            KernelPool.setThreads(1);
            double best = 0; double[] rs = new double[4];
            for (int rep = 0; rep < 6; rep++) {
                long start = System.nanoTime();
                packed.pack(true, h, g, w, 0, h);
                for (int i = 0; i < t; i++) Gemm.sgemm(false, b, x, 0, h, packed, 1f, a, 0, g);
                double gf = 2.0 * b * g * h * t / ((System.nanoTime() - start) / 1e9) / 1e9;
                if (rep >= 2) rs[rep - 2] = gf;
            }
            System.out.printf("trial %d: %.1f %.1f %.1f %.1f%n", trial, rs[0], rs[1], rs[2], rs[3]);
        }
    }
}
