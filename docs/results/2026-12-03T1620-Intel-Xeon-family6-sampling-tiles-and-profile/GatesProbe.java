import dev.rnn4j.kernel.*;

public class GatesProbe {
    public static void main(String[] args) {
        int total = 3200;
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            for (int H : new int[] {128, 512, 3200}) {
                int rows = total / H, G = 4 * H;
                float[] a = new float[rows * G], c = new float[rows * H], h = new float[rows * H], t = new float[rows * H];
                float[] src = new float[rows * G];
                for (int i = 0; i < src.length; i++) src[i] = (i % 13) * 0.3f - 2f;
                int n = 20000; long time = 0;
                for (int i = 0; i < n; i++) {
                    System.arraycopy(src, 0, a, 0, a.length);
                    long t0 = System.nanoTime();
                    for (int b = 0; b < rows; b++) LstmGates.forward(H, a, b * G, c, b * H, h, b * H, t, b * H);
                    time += System.nanoTime() - t0;
                }
                sb.append(String.format("H %d x %d rows: %.2f us (%.2f ns/elem)   ", H, rows, time / 1e3 / n, (double) time / n / total));
            }
            if (round > 1) System.out.println(sb);
        }
    }
}
