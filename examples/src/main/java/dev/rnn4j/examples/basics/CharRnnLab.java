package dev.rnn4j.examples.basics;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.Call;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.Rnn;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.train.Trainer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The character exercises of PyTorch's RNN basics (hihello, charseq, longseq): every window of characters goes in
 * one-hot, the target is the same window shifted by one character, and an {@link Rnn} learns it with cross-entropy
 * and Adam at learning rate 0.1, as the tutorial does. Without a head the RNN's outputs (hidden size =
 * vocabulary size) are the logits themselves; longseq adds a second RNN layer and a {@link Linear} head.
 *
 * <pre>{@code
 * CharRnnLab.Result r = CharRnnLab.of("hihell", "ihello", "hielo").iterations(100).train(System.out);
 * r.prediction();   // "ihello" once learned
 * }</pre>
 */
final class CharRnnLab {
    /** What the training reached: the predicted text (windows joined as the tutorial joins them) and the last loss. */
    record Result(String prediction, double loss) {}

    private final List<String> inputs;
    private final List<String> targets;
    private final String charSet;
    private int layers = 1;
    private boolean linearHead;
    private int iterations = 100;
    private int printEvery = 10;
    private boolean printWindows;

    private CharRnnLab(List<String> inputs, List<String> targets, String charSet) {
        this.inputs = inputs;
        this.targets = targets;
        this.charSet = charSet;
    }

    /**
     * One sequence: {@code input} should become {@code target}, over the characters of {@code charSet} in that order.
     */
    static CharRnnLab of(String input, String target, String charSet) {
        return new CharRnnLab(List.of(input), List.of(target), charSet);
    }

    /** Every window of {@code length} characters of {@code text} predicts the window one character later (longseq). */
    static CharRnnLab windows(String text, int length) {
        List<String> x = new ArrayList<>(), y = new ArrayList<>();
        for (int i = 0; i + length < text.length(); i++) {
            x.add(text.substring(i, i + length));
            y.add(text.substring(i + 1, i + length + 1));
        }
        return new CharRnnLab(x, y, firstAppearance(text));
    }

    /** The distinct characters of {@code text} in the order they first appear (a fixed order, unlike Python's set). */
    static String firstAppearance(String text) {
        StringBuilder sb = new StringBuilder();
        text.chars().distinct().forEach(sb::appendCodePoint);
        return sb.toString();
    }

    CharRnnLab layers(int n) { layers = n; return this; }

    CharRnnLab linearHead(boolean on) { linearHead = on; return this; }

    CharRnnLab iterations(int n) { iterations = n; return this; }

    CharRnnLab printEvery(int n) { printEvery = n; return this; }

    /** Print every window's prediction at the printed iterations (longseq's output), not the index arrays. */
    CharRnnLab printWindows(boolean on) { printWindows = on; return this; }

    Result train(PrintStream out) {
        int V = charSet.length(), N = inputs.size(), T = inputs.getFirst().length();
        Tensor x = oneHot(inputs, V);
        int[] y = indices(targets);
        Rng rng = new Rng(0);
        Rnn rnn = Rnn.builder(V, V).numLayers(layers).batchFirst(true).rng(rng).build();
        Linear head = linearHead ? new Linear(V, V, true, rng) : null;
        List<Parameter> params = new ArrayList<>(rnn.parameters());
        if (head != null) params.addAll(head.parameters());
        Adam adam = new Adam(params, AdamConfig.adam().withLr(0.1));
        CrossEntropy criterion = new CrossEntropy();
        float[] dLogits = new float[N * T * V];
        Tensor[] logits = {null};
        String[] prediction = {""};
        // The whole set is one batch, so the loop is one epoch of `iterations` steps on the same batch.
        Trainer.Outcome o = new Trainer<Tensor>(adam, new Trainer.Config(1, 0, 0, null, null)).train(
                epoch -> Collections.nCopies(iterations, x),
                batch -> {
                    Call rnnCall = rnn.call(batch);
                    Call headCall = head == null ? null : head.call(rnnCall.output());
                    logits[0] = headCall == null ? rnnCall.output() : headCall.output();
                    double loss = criterion.compute(logits[0].data(), N * T, V, y, dLogits);
                    Tensor dl = new Tensor(dLogits.clone(), N, T, V);
                    rnnCall.backward(headCall == null ? dl : headCall.backward(dl));
                    return loss;
                },
                s -> {
                    int i = s.index();
                    int[] predicted = argmax(logits[0].data(), N * T, V);
                    prediction[0] = joinWindows(predicted, N, T);
                    if (i % printEvery == 0 || i == iterations - 1) {
                        print(out, i, s.loss(), predicted, y, N, T, prediction[0]);
                    }
                    return true;
                });
        return new Result(prediction[0], o.lastLoss());
    }

    private void print(PrintStream out, int i, double loss, int[] predicted, int[] y, int N, int T, String prediction) {
        if (printWindows) {
            out.printf(Locale.ROOT, "%d loss: %.4f prediction str: %s%n", i, loss, prediction);
            return;
        }
        out.printf(Locale.ROOT, "%d loss: %.4f prediction: %s true Y: %s prediction str: %s%n",
                i, loss, Arrays.toString(predicted), Arrays.toString(Arrays.copyOf(y, N * T)), prediction);
    }

    /** The first window's characters, then the last character of each following window (they overlap). */
    private String joinWindows(int[] predicted, int N, int T) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < T; t++) sb.append(charSet.charAt(predicted[t]));
        for (int n = 1; n < N; n++) sb.append(charSet.charAt(predicted[n * T + T - 1]));
        return sb.toString();
    }

    private Tensor oneHot(List<String> rows, int V) {
        int N = rows.size(), T = rows.getFirst().length();
        int[] ids = indices(rows);
        float[] v = new float[N * T * V];
        for (int i = 0; i < ids.length; i++) v[i * V + ids[i]] = 1f;
        return new Tensor(v, N, T, V);
    }

    private int[] indices(List<String> rows) {
        int T = rows.getFirst().length();
        int[] ids = new int[rows.size() * T];
        for (int n = 0; n < rows.size(); n++) {
            for (int t = 0; t < T; t++) {
                int id = charSet.indexOf(rows.get(n).charAt(t));
                if (id < 0) {
                    throw new IllegalArgumentException("character '" + rows.get(n).charAt(t) + "' is not in the set \""
                            + charSet + "\"");
                }
                ids[n * T + t] = id;
            }
        }
        return ids;
    }

    private static int[] argmax(float[] v, int rows, int V) {
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 1; j < V; j++) if (v[r * V + j] > v[r * V + best[r]]) best[r] = j;
        }
        return best;
    }
}
