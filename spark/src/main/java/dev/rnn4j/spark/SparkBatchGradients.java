package dev.rnn4j.spark;

import dev.rnn4j.lm.BatchGradients;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import org.apache.spark.HashPartitioner;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link BatchGradients} summed over a Spark cluster: each step the driver broadcasts the weights and the carried
 * state, every partition computes the gradient of its streams of the batch ({@link ShardWork#gradient}), and the
 * parts are added in a fixed tree over the partition index ({@link TreeSum}), so a run is bit-for-bit the same
 * every time, whatever order tasks finish in and however many executors there are. With more than
 * {@link #BLOCK} partitions, executors add aligned blocks of {@code BLOCK} consecutive partitions first (one
 * shuffle) and the driver receives only the blocks' sums; the tree, and so every bit, is the same. The trainer
 * on the driver then clips and steps the optimizer exactly as on one machine.
 *
 * <pre>{@code
 * SparkCorpus corpus = SparkCorpus.read(sc, "hdfs:///data/shakespeare.txt");
 * JavaRDD<DataShard> shards = corpus.shards(vocabulary, 0.05, 32, 100, 4);
 * CharLmTrainer t = new CharLmTrainer(model, new SparkBatchGradients(sc, shards, model, 32, 100, 0.05), config);
 * }</pre>
 */
public final class SparkBatchGradients implements BatchGradients {
    /** Partitions whose parts an executor adds before the driver sees them: a power of two (a subtree). */
    static final int BLOCK = 8;
    private final JavaSparkContext sc;
    private final JavaRDD<DataShard> shards;
    private final CharLanguageModel model;
    private final CharLmConfig config;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final double validationPositions;
    private final StepTimes times = new StepTimes();
    private final int block;

    /**
     * @param shards          the corpus cut for {@code batchSize} streams, one {@link DataShard} per partition, cached
     * @param batchesPerEpoch batches in the training streams
     * @param validation      the validation streams' shape (for the mean over all of them)
     */
    SparkBatchGradients(JavaSparkContext sc, JavaRDD<DataShard> shards, CharLanguageModel model, int batchSize,
                        int batchesPerEpoch, StreamCut.ValidationShape validation) {
        this(sc, shards, model, batchSize, batchesPerEpoch, validation, BLOCK);
    }

    /** As above, executors adding blocks of {@code block} partitions (a power of two) when there are more. */
    SparkBatchGradients(JavaSparkContext sc, JavaRDD<DataShard> shards, CharLanguageModel model, int batchSize,
                        int batchesPerEpoch, StreamCut.ValidationShape validation, int block) {
        if (Integer.bitCount(block) != 1) throw new IllegalArgumentException("block must be a power of two, got "
                + block);
        this.block = block;
        this.sc = sc;
        this.shards = shards;
        this.model = model;
        this.config = model.config();
        this.batchSize = batchSize;
        this.batchesPerEpoch = batchesPerEpoch;
        this.validationPositions = (double) validation.streams() * validation.count();
    }

    @Override
    public int batchesPerEpoch() { return batchesPerEpoch; }

    /** Where the last steps' time went (driver, broadcast, the job); see {@link StepTimes}. */
    public StepTimes times() { return times; }

    @Override
    public double accumulate(int batchIndex, RecurrentState state) {
        long t0 = System.nanoTime();
        // The driver's dropout generator moves one draw per step: the checkpoint saves it, so a resumed run
        // hands the partitions the same seeds. Dropout masks are per stream, so each partition draws its own; the
        // weight-drop mask is one for the batch, drawn by every partition from the state the step starts with.
        long start = model.dropoutRngState();
        Rng dropout = new Rng(start);
        long seed = dropout.nextLong();
        model.restoreDropoutRng(dropout.state());
        float[] h = state.h().data(), c = state.c() == null ? null : state.c().data();
        Broadcast<StepInput> input = sc.broadcast(new StepInput(weights(model), h, c, batchIndex, seed, start));
        CharLmConfig cfg = config;
        int b = batchSize;
        long t1 = System.nanoTime();
        List<BlockSum> blocks = sumOnExecutors(shards.map(s -> ShardWork.gradient(s.partition(), s.train(),
                input.value(), cfg, b)));
        long t2 = System.nanoTime();
        input.destroy();
        long slowest = 0;
        int layers = cfg.numLayers(), hSize = h.length / (layers * b), cSize = c == null ? 0 : c.length / (layers * b);
        float[] nextH = new float[h.length], nextC = c == null ? null : new float[c.length];
        List<float[]> gradients = new ArrayList<>(blocks.size());
        List<Double> losses = new ArrayList<>(blocks.size());
        for (BlockSum blockSum : blocks) {
            gradients.add(blockSum.gradient());
            losses.add(blockSum.loss());
            slowest = Math.max(slowest, blockSum.slowestComputeNanos());
            for (ShardGradient part : blockSum.states()) {
                if (part.streams() == 0) continue;
                ShardWork.unslice(part.carriedH(), nextH, layers, b, hSize, part.firstStream(), part.streams());
                if (c != null) ShardWork.unslice(part.carriedC(), nextC, layers, b, cSize, part.firstStream(),
                        part.streams());
            }
        }
        // The blocks are subtrees of TreeSum's tree over all partitions: adding them by its rule finishes that tree.
        float[] sum = TreeSum.of(gradients, TreeSum::add);
        double loss = TreeSum.ofDoubles(losses);
        addGradient(model, sum);
        System.arraycopy(nextH, 0, h, 0, h.length);
        if (c != null) System.arraycopy(nextC, 0, c, 0, c.length);
        times.add(t1 - t0, t2 - t1, System.nanoTime() - t2, slowest);
        return loss;
    }

    @Override
    public double validationLoss() {
        Broadcast<float[]> w = sc.broadcast(weights(model));
        CharLmConfig cfg = config;
        List<Double> sums = shards.map(s -> ShardWork.validationLossSum(s.validation(), w.value(), cfg)).collect();
        w.destroy();
        return TreeSum.ofDoubles(sums) / validationPositions;
    }

    /**
     * The step's parts as blocks of {@link TreeSum}'s tree: each partition alone (collected in partition order),
     * or, with more than {@code block} partitions, blocks of {@code block} added on the executors.
     */
    private List<BlockSum> sumOnExecutors(JavaRDD<ShardGradient> parts) {
        int k = block, partitions = parts.getNumPartitions();
        List<BlockSum> blocks;
        if (partitions <= k) {
            blocks = new ArrayList<>(parts.map(g -> BlockSum.of(g.partition(), List.of(g))).collect());
        } else {
            int count = (partitions + k - 1) / k;
            blocks = new ArrayList<>(parts.mapToPair(g -> new Tuple2<>(g.partition() / k, g))
                    .groupByKey(new HashPartitioner(count))   // block j to partition j
                    .map(group -> BlockSum.of(group._1(), group._2())).collect());
        }
        blocks.sort(Comparator.comparingInt(BlockSum::block));
        return blocks;
    }

    /** The model's weights as one flat array, in {@code state_dict} order (the order executors load them in). */
    static float[] weights(CharLanguageModel model) {
        return FlatWeights.of(model.parameters());
    }

    private static void addGradient(CharLanguageModel model, float[] flat) {
        int off = 0;
        for (Parameter p : model.parameters()) {
            float[] g = p.grad();
            for (int i = 0; i < p.size(); i++) g[p.offset() + i] += flat[off + i];
            off += p.size();
        }
    }
}
