package dev.rnn4j.kernel;
/** Speed only, two threads: dW = dAᵀ·XH (2048 × 1024 over 3,200) against dWᵀ = XHᵀ·dA (1024 × 2048), alternating. */
public class PairOrientProbe {
    public static void main(String[] args) {
        int g = 2048, w = 1024, k = 3200;
        java.util.Random r = new java.util.Random(1);
        float[] da = new float[k * g], xh = new float[k * w], c1 = new float[g * w], c2 = new float[g * w];
        for (int i = 0; i < da.length; i++) da[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < xh.length; i++) xh[i] = r.nextFloat() - 0.5f;
        double flop = 2.0 * g * w * k;
        for (int round = 0; round < 15; round++) {
            long s = System.nanoTime();
            Gemm.sgemm(true, false, g, w, k, da, 0, g, xh, 0, w, 0f, c1, 0, w);
            double a = flop / (System.nanoTime() - s);
            s = System.nanoTime();
            Gemm.sgemm(true, false, w, g, k, xh, 0, w, da, 0, g, 0f, c2, 0, g);
            double b = flop / (System.nanoTime() - s);
            boolean same = true;
            for (int i = 0; i < g && same; i++) for (int j = 0; j < w; j++) if (Float.floatToRawIntBits(c1[i * w + j]) != Float.floatToRawIntBits(c2[j * g + i])) { same = false; break; }
            System.out.printf("dAT.XH %.1f   XHT.dA %.1f   ratio %.3f  same bits %b%n", a, b, b / a, same);
        }
        System.exit(0);
    }
}
