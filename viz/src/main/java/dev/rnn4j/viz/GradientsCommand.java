package dev.rnn4j.viz;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.CharLmTrainer;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./rnn4j viz gradients}: why plain RNNs forget. For each cell type, a model of the same size is
 * measured at initialisation and after a short training on real text: ‖∂L_T/∂h_t‖ against T−t.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = "Plot how the gradient of a loss fades with distance for RNN, LSTM and GRU (vanishing "
                + "gradients).")
final class GradientsCommand implements Runnable {
    @Option(names = "--cell", split = ",", defaultValue = "rnn,lstm,gru", paramLabel = "CELLS",
            description = "cells to compare (default: ${DEFAULT-VALUE})")
    List<String> cells;
    @Option(names = "--data", paramLabel = "FILE",
            description = "UTF-8 text (or .gz) (default: the embedded tinyshakespeare)")
    Path data;
    @Option(names = "--hidden", paramLabel = "N", defaultValue = "128",
            description = "hidden size of every model (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--train-steps", paramLabel = "N", defaultValue = "400",
            description = "training steps before the second measurement (default: ${DEFAULT-VALUE})")
    int trainSteps;
    @Option(names = "--distance", paramLabel = "N", defaultValue = "100",
            description = "largest T−t measured (default: ${DEFAULT-VALUE})")
    int distance;
    @Option(names = "--samples", paramLabel = "N", defaultValue = "16",
            description = "text windows averaged per curve (default: ${DEFAULT-VALUE})")
    int samples;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "initialisation and window choice (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--out", defaultValue = "gradients.html", paramLabel = "FILE",
            description = "the page to write (default: ${DEFAULT-VALUE})")
    Path out;

    static final int TRAIN_BATCH = 16, TRAIN_SEQ_LENGTH = 50;

    /** One measured curve and its fitted decay. */
    record Curve(RecurrentKind cell, boolean trained, double[] log10, double slope, double valLoss) {
        double factorPerStep() { return Math.pow(10, slope); }
    }

    @Override
    public void run() {
        List<RecurrentKind> kinds = kinds(cells);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--train-steps", trainSteps, 0);
        Flags.atLeast("--distance", distance, 2);
        Flags.atLeast("--samples", samples, 1);
        Memory.require("three models of --hidden " + hidden, 3 * Memory.trainingBytes(
                Memory.charLmParameters(RecurrentKind.LSTM, 256, hidden, 1), 2, RecurrentKind.LSTM, 256, hidden, 1,
                TRAIN_BATCH, Math.max(TRAIN_SEQ_LENGTH, distance)), "--hidden");
        OutputPaths.requireWritableFile("--out", out);
        Corpus corpus = Corpus.read(data);
        String source = data == null ? corpus.name() : "--data " + data;
        int length = corpus.text().codePointCount(0, corpus.text().length());
        // a training batch and a measured window in the 95% trained on, and 2 characters of validation
        long needed = (long) Math.ceil(Math.max(TRAIN_BATCH * TRAIN_SEQ_LENGTH + 1, distance + 2) / 0.95) + 2;
        if (length == 0) {
            throw new UserError(source + " is empty: there is nothing to train on; pass a text with something in it");
        }
        if (length < needed) {
            throw new UserError(String.format(Locale.ROOT, "%s has %,d characters, but training batches of %d x %d and "
                    + "--distance %d need at least %,d: use a longer text or a smaller --distance", source, length,
                    TRAIN_BATCH, TRAIN_SEQ_LENGTH, distance, needed));
        }
        CharCorpus text = CharCorpus.of(corpus.text(), 0.05, 0);
        int[] validation = Arrays.copyOf(text.validation(), Math.min(text.validation().length, 20_000));
        List<Curve> curves = new ArrayList<>();
        for (RecurrentKind kind : kinds) {
            CharLanguageModel model =
                    new CharLanguageModel(new CharLmConfig(kind, text.vocabulary().size(), hidden, 1, 0f, seed));
            System.out.printf(Locale.ROOT, "%s: measuring at initialisation, training %d steps, measuring again...%n",
                    kind, trainSteps);
            curves.add(measure(kind, false, model, text.train(), Double.NaN));
            double val = train(model, text.train(), validation);
            curves.add(measure(kind, true, model, text.train(), val));
            System.out.println(describe(curves.get(curves.size() - 2)) + "; "
                    + describe(curves.get(curves.size() - 1)));
        }
        String sentence = GradientsPage.sentence(curves, distance);
        HtmlPage.write(out, "Vanishing gradients",
                GradientsPage.data(corpus.name(), hidden, trainSteps, distance, samples,
                curves, sentence), "gradients.js");
        System.out.println(sentence);
        System.out.println("wrote " + out);
    }

    private Curve measure(RecurrentKind kind, boolean trained, CharLanguageModel model, int[] tokens, double valLoss) {
        double[] log10 =
                GradientProbe.meanLog10Norms(TracedModel.of(model), tokens, distance, samples, new Rng(seed + 1));
        return new Curve(kind, trained, log10, GradientProbe.slope(log10, 1, fitEnd(log10)), valLoss);
    }

    /**
     * Fit up to where the curve reaches the underflow floor (beyond it the line is flat for no reason of the model's).
     */
    static int fitEnd(double[] log10) {
        int end = log10.length - 1;
        while (end > 2 && log10[end] <= GradientProbe.FLOOR_LOG10 + 1) end--;
        return end;
    }

    private double train(CharLanguageModel model, int[] train, int[] validation) {
        if (trainSteps == 0) return Double.NaN;
        TrainConfig config = TrainConfig.defaults().withBatch(TRAIN_BATCH, TRAIN_SEQ_LENGTH)
                .withLimits(0, trainSteps, Duration.ZERO).withIntervals(0, 0);
        double[] val = {Double.NaN};
        new CharLmTrainer(model, train, validation, config).run(new CharLmTrainer.Listener() {
            @Override
            public void onValidation(CharLmTrainer.ValidationMetrics m) { val[0] = m.valLoss(); }
        });
        return val[0];
    }

    static String describe(Curve c) {
        return String.format(Locale.ROOT, "%s %s: ×%.3f per step", c.cell(), c.trained() ? "trained" : "at init",
                c.factorPerStep());
    }

    static List<RecurrentKind> kinds(List<String> names) {
        List<RecurrentKind> kinds = new ArrayList<>();
        for (String n : names) {
            RecurrentKind k = switch (n.strip().toLowerCase(Locale.ROOT)) {
                case "rnn" -> RecurrentKind.RNN;
                case "lstm" -> RecurrentKind.LSTM;
                case "gru" -> RecurrentKind.GRU;
                default -> throw new UserError("--cell: unknown cell '" + n
                        + "', expected rnn, lstm or gru (comma-separated)");
            };
            if (!kinds.contains(k)) kinds.add(k);
        }
        return kinds;
    }

    static Map<String, Object> curveMap(Curve c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", c.cell().name());
        m.put("trained", c.trained());
        List<Object> ys = new ArrayList<>();
        for (double y : c.log10()) ys.add(CellsPage.round(y, 4));
        m.put("log10", ys);
        m.put("slope", CellsPage.round(c.slope(), 5));
        m.put("factor", CellsPage.round(c.factorPerStep(), 4));
        m.put("valLoss", Double.isNaN(c.valLoss()) ? null : CellsPage.round(c.valLoss(), 4));
        return m;
    }
}
