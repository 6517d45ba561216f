package dev.rnn4j.examples.translate;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.Bleu;
import dev.rnn4j.text.LengthBatches;
import dev.rnn4j.train.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The training epoch and the evaluation of a {@link Seq2Seq} model, apart from the command line so tests
 * drive them directly.
 *
 * <pre>{@code
 * double loss = Seq2SeqTraining.epoch(model, vocabs, train, adam, 64, 5.0, rng, step -> {});
 * Seq2SeqTraining.train(model, vocabs, train, adam, 64, 5.0, rng, 30, (epoch, step) -> {},
 *         (epoch, meanLoss) -> devScoreImproved(epoch));   // false stops
 * List<List<String>> out = Seq2SeqTraining.translate(model, vocabs, sources, 1, 30);   // greedy
 * Seq2SeqTraining.Score s = Seq2SeqTraining.score(out, testItems);
 * }</pre>
 */
final class Seq2SeqTraining {
    /** Corpus BLEU (0..1) and the fraction of sentences equal to one of their references. */
    record Score(double bleu, double exactMatch, Bleu.Result detail) {}

    private Seq2SeqTraining() {}

    /** Told at the end of each epoch with its mean loss per batch; false stops training (early stopping). */
    @FunctionalInterface
    interface EpochEnd {
        boolean afterEpoch(int epoch, double meanLoss);
    }

    /** One pass over {@code train} in length-bucketed random batches; returns the mean loss per batch. */
    static double epoch(Seq2Seq model, Seq2SeqVocabs vocabs, List<SentencePair> train, Optimizer optimizer,
                        int batchSize, double gradClip, Rng order, IntConsumer afterStep) {
        double[] mean = {Double.NaN};
        train(model, vocabs, train, optimizer, batchSize, gradClip, order, 1, (epoch, step) -> afterStep.accept(step),
                (epoch, loss) -> {
                    mean[0] = loss;
                    return true;
                });
        return mean[0];
    }

    /**
     * Up to {@code epochs} passes over {@code train} on one {@link Trainer}: each epoch draws its length-bucketed
     * random batches from {@code order}; {@code afterStep} gets (epoch, step within the epoch, from 1) for
     * progress, {@code afterEpoch} the epoch's mean loss and may stop the run (dev scores, learning-rate cuts).
     */
    static Trainer.Outcome train(Seq2Seq model, Seq2SeqVocabs vocabs, List<SentencePair> train, Optimizer optimizer,
                                 int batchSize, double gradClip, Rng order, int epochs, StepProgress afterStep,
                                 EpochEnd afterEpoch) {
        CrossEntropy loss = new CrossEntropy();
        int[] lengths = train.stream().mapToInt(p -> p.target().size() * 64 + p.source().size()).toArray();
        double[] sum = {0};
        int[] steps = {0};
        Trainer.Config config = new Trainer.Config(epochs, 0, Math.max(0, gradClip), null, null);
        return new Trainer<int[]>(optimizer, config).overBuffer(model.parameters().buffer()).train(
                epoch -> {
                    model.train(true);   // the previous epoch's dev scoring left it in evaluation mode
                    return LengthBatches.bucketed(lengths, batchSize, order);
                },
                idx -> {
                    List<SentencePair> pairs = new ArrayList<>(idx.length);
                    for (int i : idx) pairs.add(train.get(i));
                    Seq2SeqBatch b = Seq2SeqBatch.of(pairs, vocabs);
                    Seq2Seq.Pass pass = model.forward(b);
                    float[] dLogits = new float[pass.logits().numel()];
                    double l = loss.compute(pass.logits(), b.tgtOut(), dLogits);
                    model.backward(pass, dLogits);
                    return l;
                },
                new Trainer.Listener() {
                    @Override
                    public boolean afterStep(Trainer.Step s) {
                        sum[0] += s.loss();
                        steps[0] = s.index() + 1;
                        afterStep.accept(s.epoch(), steps[0]);
                        return true;
                    }

                    @Override
                    public boolean afterEpoch(int epoch) {
                        double mean = sum[0] / Math.max(1, steps[0]);
                        sum[0] = 0;
                        steps[0] = 0;
                        return afterEpoch.afterEpoch(epoch, mean);
                    }
                });
    }

    /** Progress within an epoch: the epoch (from 1) and the step within it (from 1). */
    @FunctionalInterface
    interface StepProgress {
        void accept(int epoch, int step);
    }

    /**
     * Mean cross-entropy per target token (end markers included) with teacher forcing, in evaluation mode:
     * the development score for natural language, where BLEU-4 of a young model is often 0 for lack of
     * any matching 4-gram.
     */
    static double loss(Seq2Seq model, Seq2SeqVocabs vocabs, List<SentencePair> pairs) {
        model.train(false);
        CrossEntropy ce = new CrossEntropy();
        int[] lengths = pairs.stream().mapToInt(p -> p.target().size() * 64 + p.source().size()).toArray();
        double sum = 0;
        long tokens = 0;
        for (int[] idx : LengthBatches.sorted(lengths, 64)) {
            List<SentencePair> batch = new ArrayList<>(idx.length);
            for (int i : idx) batch.add(pairs.get(i));
            Seq2SeqBatch b = Seq2SeqBatch.of(batch, vocabs);
            for (float l : ce.perRow(model.forward(b).logits(), b.tgtOut())) sum += l;   // ignored rows are 0
            for (int n : b.tgtLen()) tokens += n;
        }
        model.train(true);
        return sum / Math.max(1, tokens);
    }

    /** Translations of {@code sources}, greedy when {@code beam} is 1, else beam search; in evaluation mode. */
    static List<List<String>> translate(Seq2Seq model, Seq2SeqVocabs vocabs, List<List<String>> sources, int beam,
            int maxLength) {
        model.train(false);
        List<List<String>> out = new ArrayList<>(java.util.Collections.nCopies(sources.size(), List.<String>of()));
        int[] lengths = sources.stream().mapToInt(s -> Math.max(1, s.size())).toArray();
        for (int[] idx : LengthBatches.sorted(lengths, 64)) {
            int B = idx.length, S = 1;
            List<List<String>> batch = new ArrayList<>(B);
            int[] srcLen = new int[B];
            for (int i = 0; i < B; i++) {
                batch.add(sources.get(idx[i]));
                srcLen[i] = lengths[idx[i]];
                S = Math.max(S, srcLen[i]);
            }
            Seq2Seq.Encoded e = model.encode(vocabs.encodeSources(batch, S), srcLen, B, S);
            if (beam <= 1) {
                int[][] ids = Search.greedy(model, e, maxLength);
                for (int i = 0; i < B; i++) out.set(idx[i], vocabs.decode(ids[i]));
            } else {
                for (int i = 0; i < B; i++) {
                    out.set(idx[i],
                            vocabs.decode(Search.beam(model, Seq2Seq.select(e, new int[] {i}), beam, maxLength)));
                }
            }
        }
        model.train(true);
        return out;
    }

    static Score score(List<List<String>> hypotheses, List<TestItem> items) {
        List<List<List<String>>> refs = items.stream().map(TestItem::references).toList();
        int exact = 0;
        for (int i = 0; i < items.size(); i++) if (refs.get(i).contains(hypotheses.get(i))) exact++;
        Bleu.Result bleu = Bleu.corpus(hypotheses, refs);
        return new Score(bleu.bleu(), items.isEmpty() ? 0 : (double) exact / items.size(), bleu);
    }
}
