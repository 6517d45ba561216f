package dev.rnn4j.kernel;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.tensor.Rng;
/** The char model's output layer backward (Linear(H, 65) over rows), its parts timed apart, 1 and 2 threads. */
public class HeadProbe {
    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]), in = Integer.parseInt(args[1]), out = 65;
        Rng rng = new Rng(1);
        Linear head = new Linear(in, out, true, rng);
        float[] x = new float[rows * in], dy = new float[rows * out], dx = new float[rows * in];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextGaussian() * 1e-3f;
        float[] dW = new float[out * in], w = head.weight().data();
        for (int threads : new int[] {1, 2, 1, 2}) {
            KernelPool.setThreads(threads);
            int reps = 400;
            double[] t = new double[4];
            for (int rep = 0; rep < 2 * reps; rep++) {
                long a = System.nanoTime();
                head.backward(x, dy, rows, dx);
                long b = System.nanoTime();
                Gemm.sgemm(true, false, out, in, rows, dy, 0, out, x, 0, in, 1f, dW, 0, in);
                long c = System.nanoTime();
                double[] sum = new double[out];
                for (int i = 0; i < rows; i++) for (int j = 0; j < out; j++) sum[j] += dy[i * out + j];
                long d = System.nanoTime();
                Gemm.sgemm(false, false, rows, in, out, dy, 0, out, w, 0, in, 0f, dx, 0, in);
                long e = System.nanoTime();
                if (rep >= reps) { t[0] += b - a; t[1] += c - b; t[2] += d - c; t[3] += e - d; }
                if (sum[0] == 12345) System.out.print("");
            }
            System.out.printf("rows %d in %d threads %d: backward %.0f us = dW %.0f + bias sums %.0f + dx %.0f%n",
                    rows, in, threads, t[0] / reps / 1e3, t[1] / reps / 1e3, t[2] / reps / 1e3, t[3] / reps / 1e3);
        }
        System.exit(0);
    }
}
