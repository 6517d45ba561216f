package dev.rnn4j.examples.sentiment;

import dev.rnn4j.examples.common.SentimentModel;
import dev.rnn4j.examples.common.TimeLimit;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.LengthBatches;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.train.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Trains a {@link SentimentModel} with binary cross-entropy on the logit (the final sigmoid fused into the
 * loss), Adam with the learning rate multiplied by {@code lrDecay} after every epoch, and gradient
 * clipping. Batches hold reviews of similar length (the recurrent layers run to the longest review of a
 * batch, so mixing a 5-syllable review with a 140-syllable one wastes most of the work): every epoch
 * shuffles, sorts by length, cuts into batches and shuffles the batch order. After each epoch the
 * validation accuracy is measured and the best weights are kept.
 */
final class SentimentTrainer {
    /** {@code lrDecay} multiplies the learning rate after every epoch. */
    record Options(int epochs, int batchSize, double lr, double lrDecay, double gradClip,
            TimeLimit timeLimit, long seed) {}

    /** Encoded reviews and their labels. */
    record Data(List<int[]> ids, int[] labels) {
        int size() { return labels.length; }
    }

    record Scores(double loss, double accuracy) {}

    record Outcome(int epochsRun, boolean timeLimitReached, List<Double> trainLoss, List<Double> valAccuracy,
            int bestEpoch) {}

    private final SentimentModel model;
    private final Options options;

    SentimentTrainer(SentimentModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    /** Sums over the current epoch's steps so far. */
    private static final class EpochSums {
        double loss;
        long correct, seen;
    }

    Outcome train(Data train, Data validation, Progress progress) {
        List<Parameter> params = model.network.parameters();
        Adam adam = new Adam(params, AdamConfig.adam().withLr(options.lr()));
        Rng rng = new Rng(options.seed());
        int steps = (train.size() + options.batchSize() - 1) / options.batchSize();
        List<Double> trainLoss = new ArrayList<>(), valAccuracy = new ArrayList<>();
        long start = System.nanoTime();
        long[] reviewsSeen = {0};
        EpochSums[] sums = {null};
        Trainer.Step[] last = {null};
        var best = new Object() {
            double accuracy = -1;
            int epoch = 0;
            float[][] weights = null;
        };
        // Validation, the epoch line and the best weights: after each epoch, and after a time limit mid-epoch.
        IntConsumer endEpoch = epoch -> {
            EpochSums e = sums[0];
            trainLoss.add(e.loss / e.seen);
            Scores val = evaluate(validation);
            valAccuracy.add(val.accuracy());
            progress.println(String.format(Locale.ROOT, "epoch %d: lr %.2g - loss %.4f - accuracy %.4f - val_loss %.4f"
                    + " - val_accuracy %.4f (%.0f s)", epoch, adam.lr(), e.loss / e.seen, (double) e.correct / e.seen,
                    val.loss(), val.accuracy(), (System.nanoTime() - start) / 1e9));
            if (val.accuracy() > best.accuracy) {
                best.accuracy = val.accuracy();
                best.epoch = epoch;
                best.weights = snapshot(params);
            }
        };
        Trainer.Config config = new Trainer.Config(options.epochs(), 0, options.gradClip(), null,
                options.timeLimit()::reached);
        Trainer.Outcome o = new Trainer<int[]>(adam, config).train(
                epoch -> {
                    List<int[]> batches = lengthBatches(train, options.batchSize(), rng);
                    adam.setLr(options.lr() * Math.pow(options.lrDecay(), epoch - 1));
                    sums[0] = new EpochSums();
                    return batches;
                },
                idx -> {
                    List<int[]> x = new ArrayList<>(idx.length);
                    for (int i : idx) x.add(train.ids().get(i));
                    SentimentModel.Forward f = model.forward(x, true);
                    float[] dz = new float[idx.length];
                    double loss = 0;
                    for (int b = 0; b < idx.length; b++) {
                        double z = f.logits()[b], y = train.labels()[idx[b]];
                        // BCE on the logit, overflow-free
                        loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                        dz[b] = (float) ((sigmoid(z) - y) / idx.length);
                        if ((z > 0) == (y > 0.5)) sums[0].correct++;
                    }
                    f.backward(dz);
                    sums[0].seen += idx.length;
                    reviewsSeen[0] += idx.length;
                    return loss;
                },
                new Trainer.Listener() {
                    @Override
                    public boolean afterStep(Trainer.Step s) {
                        EpochSums e = sums[0];
                        e.loss += s.loss();
                        last[0] = s;
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        progress.update(((s.epoch() - 1) + (s.index() + 1.0) / steps) / options.epochs(),
                                String.format(Locale.ROOT, "epoch %d/%d loss %.4f acc %.4f %.0f reviews/s", s.epoch(),
                                        options.epochs(), e.loss / e.seen, (double) e.correct / e.seen,
                                        reviewsSeen[0] / elapsed));
                        return true;
                    }

                    @Override
                    public boolean afterEpoch(int epoch) {
                        endEpoch.accept(epoch);
                        return true;
                    }
                });
        boolean stopped = o.stop() == Trainer.Stop.TIME_LIMIT;
        if (stopped) {
            progress.println(String.format(Locale.ROOT,
                    "time limit of %.0f s reached in epoch %d after %d of %d batches",
                    options.timeLimit().seconds(), o.epochsRun(), last[0].index() + 1, last[0].batches()));
            endEpoch.accept(o.epochsRun());
        }
        if (best.weights != null) restore(params, best.weights);
        return new Outcome(o.epochsRun(), stopped, trainLoss, valAccuracy, best.epoch);
    }

    /** Mean loss and accuracy without dropout, in length-sorted batches of 256. */
    Scores evaluate(Data data) {
        if (data.size() == 0) return new Scores(Double.NaN, Double.NaN);
        double loss = 0;
        long correct = 0;
        for (int[] idx : lengthBatches(data, 256, null)) {
            List<int[]> x = new ArrayList<>(idx.length);
            for (int i : idx) x.add(data.ids().get(i));
            float[] z = model.forward(x, false).logits();
            for (int b = 0; b < idx.length; b++) {
                double y = data.labels()[idx[b]];
                loss += Math.max(z[b], 0) - z[b] * y + Math.log1p(Math.exp(-Math.abs(z[b])));
                if ((z[b] > 0) == (y > 0.5)) correct++;
            }
        }
        return new Scores(loss / data.size(), (double) correct / data.size());
    }

    /**
     * Indices in batches of similar length: shuffled first when {@code rng} is given, so ties fall differently each
     * epoch.
     */
    static List<int[]> lengthBatches(Data data, int batchSize, Rng rng) {
        int[] lengths = new int[data.size()];
        for (int i = 0; i < lengths.length; i++) lengths[i] = data.ids().get(i).length;
        return LengthBatches.globallySorted(lengths, batchSize, rng);
    }

    private static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private static float[][] snapshot(List<Parameter> params) {
        float[][] w = new float[params.size()][];
        for (int i = 0; i < w.length; i++) w[i] = params.get(i).value().data();
        return w;
    }

    private static void restore(List<Parameter> params, float[][] w) {
        for (int i = 0; i < w.length; i++) {
            Parameter p = params.get(i);
            System.arraycopy(w[i], 0, p.data(), p.offset(), p.size());
        }
    }
}
