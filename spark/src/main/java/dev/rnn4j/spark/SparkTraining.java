package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.text.Vocabulary;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A {@link CharLmTrainer} whose gradients come from a Spark cluster: the corpus cut into {@code partitions}
 * shards of the batch's streams (cached on the executors), the trainer on the driver.
 *
 * <pre>{@code
 * SparkCorpus corpus = SparkCorpus.read(sc, "data/shakespeare.txt");
 * SparkTraining run = SparkTraining.create(sc, corpus, corpus.vocabulary(), model, config, 2);
 * run.trainer().run(listener);          // same loss curve as CharLmTrainer on one machine
 * run.close();
 * }</pre>
 */
public record SparkTraining(CharLmTrainer trainer, SparkBatchGradients gradients, JavaRDD<DataShard> shards)
        implements AutoCloseable {

    public static SparkTraining create(JavaSparkContext sc, SparkCorpus corpus, Vocabulary vocabulary,
                                       CharLanguageModel model, TrainConfig config, int partitions) {
        return create(sc, corpus, vocabulary, model, config, partitions, SparkBatchGradients.BLOCK);
    }

    /** As above, executors adding blocks of {@code block} partitions first (see {@link SparkBatchGradients}). */
    static SparkTraining create(JavaSparkContext sc, SparkCorpus corpus, Vocabulary vocabulary,
                                CharLanguageModel model, TrainConfig config, int partitions, int block) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        int b = config.batchSize(), t = config.seqLength();
        int trainLength = corpus.trainLength(config.valFrac());
        int validationLength = corpus.validationLength(config.valFrac());
        int batches = ((trainLength - 1) / b) / t;
        if (batches == 0) {
            throw new IllegalArgumentException("text of " + trainLength
                    + " training characters is too short for batch size "
                    + b + " and sequence length " + t + " (needs at least " + (b * t + 1)
                    + "); use a smaller --batch-size or --seq-length");
        }
        if (validationLength < 2) {
            throw new IllegalArgumentException("--val-frac " + config.valFrac() + " leaves " + validationLength
                    + " validation characters of " + corpus.length() + "; raise --val-frac");
        }
        JavaRDD<DataShard> shards = corpus.shards(vocabulary, config.valFrac(), b, t, partitions);
        shards.count();   // cut and cache now, so the first step times only itself
        corpus.release();
        SparkBatchGradients gradients = new SparkBatchGradients(sc, shards, model, b, batches,
                StreamCut.ValidationShape.of(validationLength, b, t), block);
        return new SparkTraining(new CharLmTrainer(model, gradients, config), gradients, shards);
    }

    /** Drops the cached shards from the executors. */
    @Override
    public void close() { shards.unpersist(false); }
}
