import dev.rnn4j.nn.*;
import dev.rnn4j.tensor.*;
import dev.rnn4j.kernel.*;
public class Phases2 {
    static double run(RecurrentNetwork net, Tensor x, Tensor dy, int n) {
        long s0 = System.nanoTime();
        for (int i = 0; i < n; i++) { RecurrentOutput out = net.forward(x, null, null, null); net.backward(out, dy, null, null); }
        return (System.nanoTime() - s0) / 1e6 / n;
    }
    public static void main(String[] args) {
        int h = 512, b = 64, t = 50, n = 10;
        RecurrentNetwork gru = Gru.builder(h, h).build(), lstm = Lstm.builder(h, h).build();
        gru.reuseBuffers(true); lstm.reuseBuffers(true);
        Tensor x = Tensor.randn(new Rng(1), t, b, h);
        Tensor dy = Tensor.zeros(t, b, h);
        java.util.Arrays.fill(dy.data(), 1f);
        float[] A = Tensor.randn(new Rng(2), 2048, 2048).data(), B = Tensor.randn(new Rng(3), 2048, 2048).data(), C = new float[2048 * 2048];
        String[] names = {"proj", "fsteps", "bsteps", "pair", "dx"};
        for (int r = 0; r < 14; r++) {
            java.util.Arrays.fill(PhaseClock.PH, 0);
            double tg = run(gru, x, dy, n), tl = run(lstm, x, dy, n);
            long g0 = System.nanoTime();
            for (int i = 0; i < 5; i++) Gemm.sgemm(false, false, 2048, 2048, 2048, A, 0, 2048, B, 0, 2048, 0f, C, 0, 2048);
            double sg = 5 * 2.0 * 2048 * 2048 * 2048 / ((System.nanoTime() - g0) / 1e9) / 1e9;
            if (r < 2) continue;
            StringBuilder sb = new StringBuilder(String.format("sgemm %.0f |", sg));
            for (int k = 0; k < 2; k++) {
                int base = k == 0 ? 0 : 8; int G = (k == 0 ? 3 : 4) * h; double tot = k == 0 ? tg : tl;
                double p = 2.0 * t * b * G * h / 1e9; // one product's GFLOP (I = H)
                double[] f = {p, p, p, 2 * p, p};
                double flops = 6 * p;
                sb.append(String.format(" %s %.1fms %.0f:", k == 0 ? "GRU" : "LSTM", tot, flops / tot * 1e3));
                double sum = 0;
                for (int i = 0; i < 5; i++) {
                    double ms = PhaseClock.PH[base + i] / 1e6 / n; sum += ms;
                    sb.append(String.format(" %s %.0f(%.1f)", names[i], f[i] / ms * 1e3, ms));
                }
                sb.append(String.format(" rest %.1f |", tot - sum));
            }
            System.out.println(sb);
        }
    }
}
