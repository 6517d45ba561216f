package dev.rnn4j.lm;

import dev.rnn4j.kernel.AllocationCounter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's training step (2×512 LSTM, batch 32 × 100, on every kernel thread), once C2 has compiled its time
 * loops, allocates what {@code bench --only alloc_per_train_step} reports: ~1.5 MB, the state-sized arrays and the
 * lambdas. Its vectors must stay in registers. When a time loop's compiled body grows past C2's inlining budget, a
 * vector loop in it runs unintrinsified and boxes every vector: one layout of the step's add measured 54–106 MB per
 * step in 4 of 6 JVMs (docs/results/2026-12-05T0330-*), which {@link SteadyStateAllocationTest}'s small model did
 * not show. This model is the one the boxing was seen on; its time loops compile within a few seconds.
 */
class BenchModelAllocationTest {
    /** Steps run before measuring: C2 compiled the time loops of this model after ~5 s on a 2-vCPU Zen 5. */
    private static final long WARM_UP_NANOS = 8_000_000_000L;
    /** Far above the ~1.5 MB of a compiled step, far below one boxed vector loop's tens of MB. */
    private static final long MAX_BYTES_PER_STEP = 16L << 20;

    @Test
    void aCompiledTrainingStepOfTheBenchModelBoxesNoVectors() {
        int v = 65, batch = 32, steps = 100;
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, v, 512, 2, 0f, 0));
        ParameterBuffer params = ParameterBuffer.of(model.parameters());
        Optimizer adam = new Adam(model.parameters(), AdamConfig.adam().withLr(2e-3));
        Rng rng = new Rng(6);
        int[] x = new int[batch * steps], y = new int[batch * steps];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(v);
            y[i] = rng.nextInt(v);
        }
        Runnable step = () -> {
            params.zeroGrad();
            model.trainingStep(x, y, batch, steps, model.zeroState(batch));
            GradClip.clipGradNorm(params, 5.0);
            adam.step();
        };
        long start = System.nanoTime();
        int warmUp = 0;
        while (warmUp < 10 || System.nanoTime() - start < WARM_UP_NANOS) {
            step.run();
            warmUp++;
        }
        long[] measured = new long[3];
        for (int i = 0; i < measured.length; i++) {
            long before = AllocationCounter.allocatedBytes();
            step.run();
            measured[i] = AllocationCounter.allocatedBytes() - before;
        }
        java.util.Arrays.sort(measured);
        assertTrue(measured[1] < MAX_BYTES_PER_STEP, "after " + warmUp + " steps a training step allocated "
                + measured[1] + " bytes (median of " + java.util.Arrays.toString(measured) + "): boxed vectors");
    }
}
