public class ActProbe {
    public static void main(String[] a) {
        int n = 3200 * 5; float[] x = new float[n];
        java.util.Random r = new java.util.Random(1);
        for (int round = 0; round < 6; round++) {
            for (int v = 0; v < 4; v++) {
                int reps = 3000; long t = 0;
                for (int i = 0; i < reps; i++) {
                    for (int j = 0; j < n; j++) x[j] = (j % 7) - 3.1f;
                    long t0 = System.nanoTime();
                    switch (v) {
                        case 0 -> act.Activations.sigmoidInPlace(x, 0, n);
                        case 1 -> act.ActivationsNoDiv.sigmoidInPlace(x, 0, n);
                        case 2 -> act.Activations.tanhInPlace(x, 0, n);
                        default -> act.ActivationsNoDiv.tanhInPlace(x, 0, n);
                    }
                    t += System.nanoTime() - t0;
                }
                if (round > 2) System.out.printf("%s %.2f ns/elem  ", new String[]{"sig", "sig-nodiv", "tanh", "tanh-nodiv"}[v], (double) t / reps / n);
            }
            if (round > 2) System.out.println();
        }
    }
}
