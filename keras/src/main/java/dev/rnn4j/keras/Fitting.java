package dev.rnn4j.keras;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.train.Trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * The loops behind {@code fit}, {@code evaluate} and {@code predict} of {@link Sequential} and {@link EncoderDecoder}:
 * mini-batches over the first dimension of every input, a seeded shuffle of the training examples every epoch, an
 * optimizer step per batch, validation after each epoch and early stopping.
 */
final class Fitting {
    private final FitModel model;
    private final FitConfig config;

    Fitting(FitModel model, FitConfig config) {
        this.model = model;
        this.config = config;
    }

    /** Trains on {@code x} (the model's inputs, each indexed by example first) and the targets {@code y}. */
    History run(List<Tensor> x, Tensor y) {
        return run(x, y, config.validationX() == null ? null : List.of(config.validationX()), config.validationY());
    }

    /** As {@link #run(List, Tensor)} with validation data of every input ({@code vx} and {@code vy} null: none). */
    History run(List<Tensor> x, Tensor y, List<Tensor> vx, Tensor vy) {
        int n = y.size(0);
        requireSameCount(x, y);
        int trainCount = n, valFrom = n;
        if (config.validationSplit() > 0) {
            // Keras takes the last fraction, before shuffling: split_at = floor(N·(1 − split)).
            trainCount = (int) Math.floor(n * (1.0 - config.validationSplit()));
            valFrom = trainCount;
            vx = x;
            vy = y;
            if (trainCount == 0 || trainCount == n) {
                throw new IllegalArgumentException("validationSplit " + config.validationSplit() + " of " + n
                        + " examples leaves " + trainCount + " for training and " + (n - trainCount)
                        + " for validation");
            }
        } else if (vx != null) {
            requireSameCount(vx, vy);
            if (vx.size() != x.size()) throw new IllegalArgumentException("validation data has " + vx.size()
                    + " inputs, the model " + x.size());
            valFrom = 0;
        }
        int[] valIndices = vx == null ? null : range(valFrom, vx == x ? n : vy.size(0));
        EarlyStopping stop = config.earlyStopping();
        ReduceLROnPlateau reduce = config.reduceLROnPlateau();
        if (stop != null) requireMonitored("EarlyStopping", stop.monitor(), valIndices != null);
        if (reduce != null) requireMonitored("ReduceLROnPlateau", reduce.monitor(), valIndices != null);
        ReduceLROnPlateau.Watch plateau = reduce == null ? null : new ReduceLROnPlateau.Watch(reduce);

        int[] order = range(0, trainCount);
        int steps = (trainCount + config.batchSize() - 1) / config.batchSize();
        List<int[]> ranges = new ArrayList<>(steps);   // [from, to) of each batch within the order
        for (int s = 0; s < steps; s++) {
            ranges.add(new int[] {s * config.batchSize(), Math.min(trainCount, (s + 1) * config.batchSize())});
        }
        List<EpochLog> logs = new ArrayList<>();
        int trainN = trainCount;
        List<Tensor> valX = vx;
        Tensor valY = vy;
        var state = new Object() {
            long start, correct, counted;
            double lossSum, best = Double.POSITIVE_INFINITY;
            int bestEpoch = 0, wait = 0;
            float[] bestWeights = null;
            boolean stoppedEarly = false;
            Objective.Result last;
        };
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public boolean afterStep(Trainer.Step s) {
                int[] range = ranges.get(s.index());
                state.lossSum += state.last.loss() * (range[1] - range[0]);
                state.correct += state.last.correct();
                state.counted += state.last.counted();
                for (TrainingListener l : config.listeners()) {
                    l.onBatchEnd(s.epoch(), s.index() + 1, steps, state.lossSum / range[1]);
                }
                return true;
            }

            @Override
            public boolean afterEpoch(int epoch) {
                Scores val = valIndices == null ? null : evaluate(model, valX, valY, valIndices, config.batchSize());
                EpochLog log = new EpochLog(epoch, config.epochs(), steps, state.lossSum / trainN,
                        model.accuracy() ? (double) state.correct / state.counted : Double.NaN,
                        val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(),
                        (System.nanoTime() - state.start) / 1e9);
                logs.add(log);
                for (TrainingListener l : config.listeners()) l.onEpochEnd(log);
                if (plateau != null) {
                    plateau.afterEpoch(monitored(reduce.monitor(), log), model.optimizer());
                }
                if (stop == null) return true;
                double v = monitored(stop.monitor(), log);
                if (v < state.best - stop.minDelta()) {
                    state.best = v;
                    state.bestEpoch = epoch;
                    state.wait = 0;
                    if (stop.restoreBestWeights()) state.bestWeights = model.buffer().data().clone();
                    return true;
                }
                if (++state.wait < stop.patience()) return true;
                state.stoppedEarly = epoch < config.epochs();
                if (state.stoppedEarly) {
                    for (TrainingListener l : config.listeners()) l.onEarlyStop(epoch, state.bestEpoch);
                }
                return false;
            }
        };
        new Trainer<int[]>(model.optimizer(), new Trainer.Config(config.epochs(), 0, 0, null, null))
                .overBuffer(model.buffer())
                .train(epoch -> {
                    state.start = System.nanoTime();
                    for (TrainingListener l : config.listeners()) l.onEpochBegin(epoch, config.epochs(), steps);
                    if (config.shuffle()) shuffle(order, model.shuffleRng());
                    state.lossSum = 0;
                    state.correct = 0;
                    state.counted = 0;
                    return ranges;
                }, range -> {
                    state.last = trainStep(rows(x, order, range[0], range[1]), rows(y, order, range[0], range[1]));
                    return state.last.loss();
                }, listener);
        float[] restore = state.bestWeights;
        if (restore != null) System.arraycopy(restore, 0, model.buffer().data(), 0, restore.length);
        return new History(logs, state.stoppedEarly, state.bestEpoch);
    }

    /** A callback's monitor, "val_loss" or "loss", needs validation data for the first. */
    private static void requireMonitored(String callback, String monitor, boolean validating) {
        if (monitor.equals("val_loss") && !validating) {
            throw new IllegalArgumentException(
                    callback + " monitors val_loss but fit has no validation data (use a validationSplit)");
        }
    }

    /** The value of {@code monitor} ("val_loss" or "loss") in an epoch's log. */
    private static double monitored(String monitor, EpochLog log) {
        return monitor.equals("val_loss") ? log.valLoss() : log.loss();
    }

    /** Forward with dropout, loss and backward; the {@link Trainer} zeroes the gradients and steps. */
    private Objective.Result trainStep(List<Tensor> xb, Tensor yb) {
        FitModel.Call call = model.forward().call(xb, true);
        Objective.Result r = Objective.compute(model.loss(), call.last(), yb, true);
        if (r.wrtPreActivation()) call.backwardFromPreActivation().accept(r.gradient());
        else call.backward().accept(r.gradient());
        return r;
    }

    /** Mean loss (weighted by batch size, as Keras) and accuracy over the examples {@code indices}. */
    static Scores evaluate(FitModel model, List<Tensor> x, Tensor y, int[] indices, int batchSize) {
        requireSameCount(x, y);
        double lossSum = 0;
        long correct = 0, counted = 0;
        for (int from = 0; from < indices.length; from += batchSize) {
            int to = Math.min(indices.length, from + batchSize);
            FitModel.Call call = model.forward().call(rows(x, indices, from, to), false);
            Objective.Result r = Objective.compute(model.loss(), call.last(), rows(y, indices, from, to), false);
            lossSum += r.loss() * (to - from);
            correct += r.correct();
            counted += r.counted();
        }
        return new Scores(lossSum / indices.length,
                model.accuracy() ? (double) correct / counted : Double.NaN);
    }

    /** The outputs of all examples, in order, batch after batch. */
    static Tensor predict(FitModel.Forward model, List<Tensor> x, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        requireSameCount(x, null);
        int n = x.getFirst().size(0);
        int[] all = range(0, n);
        float[] out = null;
        int[] shape = null;
        int rowSize = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Tensor yb = model.call(rows(x, all, from, to), false).last().output();
            if (out == null) {
                rowSize = yb.numel() / (to - from);
                out = new float[n * rowSize];
                shape = yb.shape();
                shape[0] = n;
            }
            System.arraycopy(yb.data(), 0, out, from * rowSize, yb.numel());
        }
        return new Tensor(out == null ? new float[0] : out, shape == null ? new int[] {0} : shape);
    }

    /** Examples {@code indices[from..to)} of each input. */
    static List<Tensor> rows(List<Tensor> inputs, int[] indices, int from, int to) {
        List<Tensor> batch = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) batch.add(rows(t, indices, from, to));
        return batch;
    }

    /** Examples {@code indices[from..to)} of {@code t} (indexed by its first dimension) as a new tensor. */
    static Tensor rows(Tensor t, int[] indices, int from, int to) {
        int rowSize = t.numel() / t.size(0);
        float[] v = new float[(to - from) * rowSize];
        for (int i = from; i < to; i++) {
            System.arraycopy(t.data(), indices[i] * rowSize, v, (i - from) * rowSize, rowSize);
        }
        int[] shape = t.shape();
        shape[0] = to - from;
        return new Tensor(v, shape);
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** Fisher-Yates with the model's seeded generator. */
    private static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Every input (and y, unless null) holds the same number of examples, at least one. */
    private static void requireSameCount(List<Tensor> x, Tensor y) {
        Tensor first = x.getFirst();
        for (int i = 0; i < x.size() + (y == null ? 0 : 1); i++) {
            Tensor t = i < x.size() ? x.get(i) : y;
            if (t.rank() == 0 || first.rank() == 0 || t.size(0) != first.size(0)) {
                String a = x.size() == 1 ? "x" : "input 0", b = i < x.size() ? "input " + i : "y";
                throw new IllegalArgumentException(a + " and " + b + " must hold the same number of examples in their "
                        + "first dimension, got shapes " + java.util.Arrays.toString(first.shape()) + " and "
                        + java.util.Arrays.toString(t.shape()));
            }
        }
        if (first.size(0) == 0) throw new IllegalArgumentException((x.size() == 1 ? "x" : "input 0")
                + " holds no examples");
    }
}
