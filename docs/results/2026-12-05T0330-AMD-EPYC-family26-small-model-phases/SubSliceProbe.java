package dev.rnn4j.kernel;
import java.util.Random;
import static dev.rnn4j.kernel.GemmMicroKernel.MR;
import static dev.rnn4j.kernel.GemmMicroKernel.NR;
/** Speed only: a packed A block (mc x kc) times a packed B block (kc x nc) swept with the whole kc per tile, or in
 *  sub-slices of ks (each tile's partial kept in a buffer; beta 1 stands in for the exact continuation). */
public class SubSliceProbe {
    public static void main(String[] args) {
        int mc = Integer.parseInt(args[0]), nc = Integer.parseInt(args[1]), kc = Integer.parseInt(args[2]);
        Random r = new Random(1);
        float[] pa = new float[mc * kc], pb = new float[kc * nc + 16], c = new float[mc * nc], part = new float[mc * nc];
        for (int i = 0; i < pa.length; i++) pa[i] = r.nextFloat();
        for (int i = 0; i < pb.length; i++) pb[i] = r.nextFloat();
        float[] scratch = new float[MR * NR];
        int[] subs = {kc, 512, 256, 128};
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            for (int ks : subs) {
                int reps = Math.max(3, (int) (2e9 / (2.0 * mc * nc * kc)));
                long s = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    for (int k0 = 0; k0 < kc; k0 += ks) {
                        int kk = Math.min(ks, kc - k0);
                        for (int jr = 0; jr < nc; jr += NR) {
                            for (int ir = 0; ir < mc; ir += MR) {
                                GemmMicroKernel.multiply(kk, pa, ir * kc + k0 * MR, pb, 12 + jr * kc + k0 * NR,
                                        part, ir * nc + jr, nc, k0 == 0 ? 0f : 1f, scratch);
                            }
                        }
                    }
                }
                double gf = 2.0 * mc * nc * kc * reps / (System.nanoTime() - s);
                sb.append(String.format("ks %d: %.1f  ", ks, gf));
            }
            System.out.println("mc " + mc + " nc " + nc + " kc " + kc + ": " + sb);
        }
        System.exit(0);
    }
}
