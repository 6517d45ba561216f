import dev.rnn4j.nn.*;
import dev.rnn4j.tensor.*;

public class FwdProbe {
    public static void main(String[] args) {
        int h = 512, b = 64, t = 50;
        dev.rnn4j.kernel.KernelPool.setThreads(Integer.getInteger("threads", 2));
        RecurrentNetwork net = Lstm.builder(h, h).build();
        net.reuseBuffers(true);
        Tensor x = Tensor.randn(new Rng(1), t, b, h);
        double flopsStep = 2.0 * t * b * h * 4 * h;   // the recurrent products only
        double flopsProj = 2.0 * t * b * h * 4 * h;
        for (int i = 0; i < 10; i++) net.forward(x, null, null, null);
        double[] ms = new double[40];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            net.forward(x, null, null, null);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("probe.fwd=%s forward median %.2f ms (q1 %.2f q3 %.2f)%n", System.getProperty("probe.fwd", "0"), ms[20], ms[10], ms[30]);
    }
}
