package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/** What an executor does with its shard each step: a gradient for training, a loss sum for validation. */
final class ShardWork {
    private ShardWork() {}

    /**
     * Forward and backward over this shard's streams of batch {@code in.batchIndex()}, from their carried state.
     * The model's mean is over this shard's S·T positions; scaling by S/B makes it this shard's part of the
     * whole batch's mean, so the driver only adds the parts.
     */
    static ShardGradient gradient(int partition, StreamShard shard, StepInput in, CharLmConfig config, int batchSize) {
        int s = shard.size(), t = shard.seqLength();
        // h and c per stream: the hidden size, or for h of an LSTM with projections its projection size
        int layers = config.numLayers(), hSize = in.carriedH().length / (layers * batchSize);
        if (shard.isEmpty()) {
            return new ShardGradient(partition, shard.firstStream(), 0, null, 0, new float[0], null, 0);
        }
        ExecutorModels.Replica replica = ExecutorModels.borrow(config);
        try {
            replica.load(in.weights());
            CharLanguageModel model = replica.model();
            model.train(true);
            // Each shard draws its own dropout masks: from the step's seed and its first stream, so a retried
            // task, or a resumed run, draws the same ones.
            long streamSeed = in.dropoutSeed() ^ (0x9E3779B97F4A7C15L * (shard.firstStream() + 1));
            model.restoreDropoutRng(new Rng(streamSeed).nextLong());
            int first = shard.firstStream();
            int cSize = in.carriedC() == null ? 0 : in.carriedC().length / (layers * batchSize);
            RecurrentState state = new RecurrentState(slice(in.carriedH(), layers, batchSize, hSize, first, s),
                    in.carriedC() == null ? null : slice(in.carriedC(), layers, batchSize, cSize, first, s));
            int[] x = new int[s * t], y = new int[s * t];
            shard.fill(in.batchIndex(), x, y);
            long start = System.nanoTime();
            double loss = model.trainingStep(x, y, s, t, state, CharLanguageModel.weightDropRng(in.dropoutState()));
            long compute = System.nanoTime() - start;
            float share = (float) s / batchSize;
            float[] g = replica.parameters().grad().clone();
            if (s != batchSize) for (int i = 0; i < g.length; i++) g[i] *= share;
            return new ShardGradient(partition, shard.firstStream(), s, g, loss * s / batchSize,
                    state.h().data().clone(), state.c() == null ? null : state.c().data().clone(), compute);
        } finally {
            ExecutorModels.giveBack(config, replica);
        }
    }

    /**
     * The sum over this shard's validation batches of (mean loss over its S·T positions) × S, dropout off, from
     * a zero state; the driver adds the shards' sums and divides by (streams × batches) for the mean.
     */
    static double validationLossSum(StreamShard shard, float[] weights, CharLmConfig config) {
        if (shard.isEmpty()) return 0;
        ExecutorModels.Replica replica = ExecutorModels.borrow(config);
        try {
            replica.load(weights);
            CharLanguageModel model = replica.model();
            model.train(false);
            int s = shard.size(), t = shard.seqLength();
            RecurrentState state = model.zeroState(s);
            int[] x = new int[s * t], y = new int[s * t];
            double sum = 0;
            for (int k = 0; k < shard.count(); k++) {
                shard.fill(k, x, y);
                sum += model.loss(x, y, s, t, state) * s;
            }
            return sum;
        } finally {
            ExecutorModels.giveBack(config, replica);
        }
    }

    /** Streams {@code [first, first+count)} of a (layers, B, hidden) state. */
    static Tensor slice(float[] all, int layers, int batch, int hidden, int first, int count) {
        float[] out = new float[layers * count * hidden];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(all, (l * batch + first) * hidden, out, l * count * hidden, count * hidden);
        }
        return new Tensor(out, layers, count, hidden);
    }

    /** Writes {@code part} (layers, count, hidden) back as streams {@code [first, first+count)} of {@code all}. */
    static void unslice(float[] part, float[] all, int layers, int batch, int hidden, int first, int count) {
        for (int l = 0; l < layers; l++) {
            System.arraycopy(part, l * count * hidden, all, (l * batch + first) * hidden, count * hidden);
        }
    }
}
