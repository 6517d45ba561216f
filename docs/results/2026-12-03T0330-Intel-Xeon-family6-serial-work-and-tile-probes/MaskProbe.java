import dev.rnn4j.nn.Dropout;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.kernel.KernelPool;

public class MaskProbe {
    static float[] scalar(Rng rng, float p, float[] mask) {
        float scale = 1f / (1f - p);
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextFloat() < p ? 0f : scale;
        return mask;
    }
    public static void main(String[] a) {
        int n = 819_200;
        float[] m = new float[n];
        Rng r = new Rng(1);
        for (int threads : new int[] {1, 2}) {
            KernelPool.setThreads(threads);
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 50; i++) scalar(r, 0.2f, m);
                long t1 = System.nanoTime();
                for (int i = 0; i < 50; i++) Dropout.fillMask(r, 0.2f, m);
                long t2 = System.nanoTime();
                System.out.printf("threads %d scalar %.2f ns/elem  kernel %.3f ns/elem%n", threads,
                        (t1 - t0) / 50.0 / n, (t2 - t1) / 50.0 / n);
            }
        }
        System.exit(0);
    }
}
