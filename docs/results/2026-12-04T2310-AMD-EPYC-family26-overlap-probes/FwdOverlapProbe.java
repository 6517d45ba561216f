import dev.rnn4j.nn.*;
import dev.rnn4j.tensor.*;
public class Fwd {
    public static void main(String[] args) {
        int h = 512, b = 64, t = 50;
        boolean gru = args.length > 0 && args[0].equals("gru");
        RecurrentNetwork net = gru ? Gru.builder(h, h).build() : Lstm.builder(h, h).build();
        net.reuseBuffers(true);
        Tensor x = Tensor.randn(new Rng(1), t, b, h);
        Tensor dy = Tensor.zeros(t, b, h);
        java.util.Arrays.fill(dy.data(), 1f);
        double fl = 2.0 * t * b * (h + h) * (gru ? 3 : 4) * h;
        for (int r = 0; r < 24; r++) {
            double[] f = new double[2], bw = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                System.setProperty("rnn4j.noOverlap", mode == 0 ? "true" : "false");
                long s0 = System.nanoTime();
                RecurrentOutput out = net.forward(x, null, null, null);
                long s1 = System.nanoTime();
                net.backward(out, dy, null, null);
                long s2 = System.nanoTime();
                f[mode] = fl / (s1 - s0); bw[mode] = 2 * fl / (s2 - s1);
            }
            if (r >= 4) System.out.printf("fwd old %.0f new %.0f (%.3f) proj done %.1f ms at step %d, total %.1f ms%n", f[0], f[1], f[1] / f[0], ProjectedSteps.PROJ_NS / 1e6, ProjectedSteps.STEP_AT, ProjectedSteps.TOTAL_NS / 1e6);
        }
    }
}
