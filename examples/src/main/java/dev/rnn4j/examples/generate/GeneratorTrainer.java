package dev.rnn4j.examples.generate;

import dev.rnn4j.examples.common.TimeLimit;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.LengthBatches;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.train.Trainer;
import dev.rnn4j.tool.Progress;

import java.util.List;
import java.util.Locale;

/**
 * Teacher-forced training of a {@link ConditionedCharModel}: cross-entropy of every next character
 * (padding ignored), Adam, gradient clipping, batches of reviews of similar length, a time limit.
 */
final class GeneratorTrainer {
    record Options(int epochs, int batchSize, double lr, double gradClip, TimeLimit timeLimit, long seed) {}

    /** Per review: inputs, targets (same length) and label. */
    record Example(int[] inputs, int[] targets, int label) {}

    record Outcome(int epochsRun, long steps, double lastLoss, boolean timeLimitReached) {}

    private final ConditionedCharModel model;
    private final Options options;

    GeneratorTrainer(ConditionedCharModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    Outcome train(List<Example> examples, Progress progress) {
        Adam adam = new Adam(model.parameters(), AdamConfig.adam().withLr(options.lr()));
        CrossEntropy criterion = new CrossEntropy(CharVocabulary.PAD);
        Rng rng = new Rng(options.seed());
        int V = model.vocabulary.size();
        long[] chars = {0};
        long start = System.nanoTime();
        double[] smooth = {Double.NaN};
        Trainer.Config config = new Trainer.Config(options.epochs(), 0, options.gradClip(), null,
                options.timeLimit()::reached);
        Trainer.Outcome o = new Trainer<int[]>(adam, config).train(
                epoch -> lengthBatches(examples, options.batchSize(), rng),
                idx -> {
                    int B = idx.length, T = 0;
                    for (int i : idx) T = Math.max(T, examples.get(i).inputs().length);
                    float[] x = new float[B * T];
                    int[] y = new int[B * T], labels = new int[B];
                    for (int b = 0; b < B; b++) {
                        Example e = examples.get(idx[b]);
                        for (int t = 0; t < e.inputs().length; t++) {
                            x[b * T + t] = e.inputs()[t];
                            y[b * T + t] = e.targets()[t];
                        }
                        labels[b] = e.label();
                        chars[0] += e.inputs().length;
                    }
                    ConditionedCharModel.Pass pass = model.forward(new Tensor(x, B, T), labels, true);
                    float[] dLogits = new float[B * T * V];
                    double loss = criterion.compute(pass.logits.data(), B * T, V, y, dLogits);
                    pass.backward(new Tensor(dLogits, B, T, V));
                    return loss;
                },
                s -> {
                    smooth[0] = Double.isNaN(smooth[0]) ? s.loss() : 0.98 * smooth[0] + 0.02 * s.loss();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    progress.update(s.fractionDone(), String.format(Locale.ROOT, "epoch %d/%d loss %.3f %.0f chars/s",
                            s.epoch(), s.epochs(), smooth[0], chars[0] / elapsed));
                    if (s.step() % 200 == 0) {
                        progress.println(String.format(Locale.ROOT, "step %d (epoch %d): loss %.4f",
                                s.step(), s.epoch(), smooth[0]));
                    }
                    return true;
                });
        boolean timeUp = o.stop() == Trainer.Stop.TIME_LIMIT;
        if (timeUp) {
            progress.println(String.format(Locale.ROOT, "time limit of %.0f s reached at step %d (epoch %d)",
                    options.timeLimit().seconds(), o.steps(), o.epochsRun()));
        }
        return new Outcome(o.epochsRun(), o.steps(), smooth[0], timeUp);
    }

    static List<int[]> lengthBatches(List<Example> examples, int batchSize, Rng rng) {
        int[] lengths = new int[examples.size()];
        for (int i = 0; i < lengths.length; i++) lengths[i] = examples.get(i).inputs().length;
        return LengthBatches.globallySorted(lengths, batchSize, rng);
    }
}
