package dev.rnn4j.nn;

import dev.rnn4j.kernel.KernelPool;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Same seed, same bits, whatever the thread count: the layers split a batch over the kernel threads
 * (each runs the time loop for its rows) and the GEMMs split over output tiles, so outputs and every
 * gradient must be bitwise equal with 1, 2 and 3 threads. Batches of 1, 5 (a one-row share) and 9 rows
 * (hidden 100: enough work per sequence for the split to happen),
 * variable lengths, and both directions exercise every path.
 */
class ThreadCountTest {
    @AfterEach
    void restoreThreads() {
        KernelPool.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void lstmIsBitwiseTheSameForAnyThreadCount() {
        for (int batch : new int[] {1, 5, 9}) {
            check(() -> Lstm.builder(24, 100).numLayers(2).bidirectional(true).rng(new Rng(5)).build(), batch);
            check(() -> Lstm.builder(24, 100).projSize(30).rng(new Rng(6)).build(), batch);
        }
    }

    @Test
    void gruAndRnnAreBitwiseTheSameForAnyThreadCount() {
        for (int batch : new int[] {1, 5, 9}) {
            check(() -> Gru.builder(24, 100).numLayers(2).rng(new Rng(7)).build(), batch);
            check(() -> Rnn.builder(24, 100).bidirectional(true).rng(new Rng(8)).build(), batch);
        }
    }

    /** Runs forward and backward with 1, 2 and 3 threads on fresh copies of one network and compares all results. */
    private static void check(Supplier<RecurrentNetwork> make, int B) {
        int T = 23, I = 24;
        Rng rng = new Rng(B);
        Tensor x = Tensor.randn(rng, T, B, I);
        int[] lengths = new int[B];
        for (int b = 0; b < B; b++) lengths[b] = T - (b * 7) % T;
        List<float[]> expected = null;
        for (int threads : new int[] {1, 2, 3}) {
            KernelPool.setThreads(threads);
            RecurrentNetwork net = make.get();
            RecurrentOutput out = net.forward(x, B > 1 ? lengths : null, null, null);
            Tensor dy = Tensor.randn(new Rng(99), out.output().shape());
            RecurrentGradients g = net.backward(out, dy, null, null);
            List<float[]> results =
                    new ArrayList<>(List.of(out.output().data(), out.hN().data(), g.input().data(), g.h0().data()));
            for (Parameter p : net.parameters()) results.add(p.grad().clone());
            if (expected == null) {
                expected = results;
            } else {
                for (int i = 0; i < results.size(); i++) {
                    assertArrayEquals(expected.get(i), results.get(i),
                            "result " + i + " with " + threads + " threads, batch " + B);
                }
            }
        }
    }
}
