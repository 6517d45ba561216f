import dev.rnn4j.nn.*;
import dev.rnn4j.tensor.*;
import dev.rnn4j.kernel.*;
public class Phases {
    public static void main(String[] args) {
        int h = 512, b = 64, t = 50;
        RecurrentNetwork net = Lstm.builder(h, h).build();
        net.reuseBuffers(true);
        Tensor x = Tensor.randn(new Rng(1), t, b, h);
        Tensor dy = Tensor.zeros(t, b, h);
        java.util.Arrays.fill(dy.data(), 1f);
        double p = 2.0 * t * b * h * 4 * h / 1e9;   // one product's GFLOP
        float[] A = Tensor.randn(new Rng(2), 2048, 2048).data(), B = Tensor.randn(new Rng(3), 2048, 2048).data(), C = new float[2048 * 2048];
        for (int r = 0; r < 12; r++) {
            java.util.Arrays.fill(LstmLayer.PH, 0);
            int n = 10;
            long s0 = System.nanoTime();
            for (int i = 0; i < n; i++) { RecurrentOutput out = net.forward(x, null, null, null); net.backward(out, dy, null, null); }
            double total = (System.nanoTime() - s0) / 1e6 / n;
            long g0 = System.nanoTime();
            for (int i = 0; i < 5; i++) Gemm.sgemm(false, false, 2048, 2048, 2048, A, 0, 2048, B, 0, 2048, 0f, C, 0, 2048);
            double sg = 5 * 2.0 * 2048 * 2048 * 2048 / ((System.nanoTime() - g0) / 1e9) / 1e9;
            long[] ph = LstmLayer.PH;
            double[] ms = new double[8];
            for (int i = 0; i < 8; i++) ms[i] = ph[i] / 1e6 / n;
            if (r > 1) System.out.printf("layer %.1f ms (%.0f GF/s) sgemm %.0f | proj %.0f packHh %.2fms fsteps %.0f | packHhB %.2fms bsteps %.0f pair %.0f dx %.0f | other %.1f ms%n",
                total, 6 * p / total * 1e3, sg, p / ms[0] * 1e3, ms[1], p / ms[2] * 1e3, ms[3], p / ms[4] * 1e3, 2 * p / ms[6] * 1e3, p / ms[7] * 1e3,
                total - ms[0] - ms[1] - ms[2] - ms[3] - ms[4] - ms[5]);
        }
    }
}
