import dev.rnn4j.kernel.*;
import dev.rnn4j.tensor.*;
public class StepSplit {
    public static void main(String[] args) {
        int b = 64, g = 2048, h = 512, t = 50;
        float[] x = Tensor.randn(new Rng(1), b, h).data(), w = Tensor.randn(new Rng(2), g, h).data();
        float[] a1 = new float[b * g], a2 = new float[b * g];
        PackedMatrix packed = new PackedMatrix();
        packed.pack(true, h, g, w, 0, h);
        double f = 2.0 * b * g * h * t / 1e9;
        for (int r = 0; r < 12; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < t; i++) Gemm.sgemm(false, b, x, 0, h, packed, 0f, a1, 0, g);   // split by columns
            double cols = f / ((System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            for (int i = 0; i < t; i++) KernelPool.parallelFor(2, k -> Gemm.sgemm(false, b / 2, x, k * (b / 2) * h, h, packed, 0f, a2, k * (b / 2) * g, g));
            double rows = f / ((System.nanoTime() - s) / 1e9);
            // rows, each thread's whole time loop without hand-offs per step (as Steps.splitSteps)
            s = System.nanoTime();
            KernelPool.parallelFor(2, k -> { for (int i = 0; i < t; i++) Gemm.sgemm(false, b / 2, x, k * (b / 2) * h, h, packed, 0f, a2, k * (b / 2) * g, g); });
            double rowsLoop = f / ((System.nanoTime() - s) / 1e9);
            if (r > 1) System.out.printf("columns %.0f  rows per step %.0f  rows, own loops %.0f GFLOP/s%n", cols, rows, rowsLoop);
        }
    }
}
