package dev.rnn4j.examples.translate;

import dev.rnn4j.examples.common.ExampleData;
import dev.rnn4j.examples.common.ExampleTrainingOptions;
import dev.rnn4j.examples.common.GradClipOption;
import dev.rnn4j.examples.seqtools.BestEpoch;
import dev.rnn4j.examples.seqtools.EpochSteps;
import dev.rnn4j.examples.seqtools.RunFiles;
import dev.rnn4j.examples.seqtools.TrainingMemory;
import dev.rnn4j.io.Json;
import dev.rnn4j.keras.ConsoleProgress;
import dev.rnn4j.keras.EarlyStopping;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.FitConfig;
import dev.rnn4j.keras.History;
import dev.rnn4j.keras.ReduceLROnPlateau;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tool.Progress;
import dev.rnn4j.tool.Flags;
import dev.rnn4j.tool.Memory;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.ThreadsOption;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./rnn4j example translate}: sequence to sequence. An LSTM/GRU encoder-decoder with attention,
 * trained with teacher forcing, decoded greedily and with beam search, scored with corpus BLEU, on Tatoeba
 * English–French or English–Korean; or on the synthetic reverse and sort tasks.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Sequence to sequence: an LSTM/GRU encoder-decoder with attention (or Keras's, --model keras).",
                "Teacher forcing, greedy and beam search, corpus BLEU-4, on Tatoeba English-French or",
                "English-Korean (--pair), or the synthetic tasks --task reverse|sort (exact match). Writes the model",
                "and metrics.json to --out."})
public final class TranslateCommand implements Runnable {
    @Option(names = "--pair", defaultValue = "eng-fra", description = "eng-fra or eng-kor (default: ${DEFAULT-VALUE})")
    String pair;
    @Option(names = "--task", defaultValue = "translate",
            description = "translate, reverse or sort (default: ${DEFAULT-VALUE})")
    String task;
    @Option(names = "--data", paramLabel = "FILE",
            description = "Tatoeba-format pairs (English<TAB>translation<TAB>attribution) instead of --pair's")
    Path data;
    @Option(names = "--cell", defaultValue = "lstm", description = "lstm or gru (default: ${DEFAULT-VALUE})")
    String cell;
    @Option(names = "--model", defaultValue = "attention", description = "attention (a bidirectional encoder, Luong "
            + "attention, beam search), or keras: Keras's seq2seq model of two inputs (the encoder's final states "
            + "start the decoder, layer by layer, no attention; --layers x --hidden each side, --dropout as Keras's "
            + "dropout inside each recurrent layer), saved as model.keras "
            + "(default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--embed", defaultValue = "128", description = "embedding size (default: ${DEFAULT-VALUE})")
    int embed;
    @Option(names = "--hidden", defaultValue = "256",
            description = "decoder hidden size, even; the encoder has half per direction (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--layers", defaultValue = "1", description = "recurrent layers (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--dropout", defaultValue = "0.3", description = "dropout (default: ${DEFAULT-VALUE})")
    float dropout;
    @Mixin
    ExampleTrainingOptions training = new ExampleTrainingOptions(30, 64, 2e-3, 1);
    @Mixin
    GradClipOption gradClip = new GradClipOption(5);
    @Option(names = "--beam", defaultValue = "5",
            description = "beam size for the final test, 1 = greedy only (default: ${DEFAULT-VALUE})")
    int beam;
    @Option(names = "--min-count", defaultValue = "2",
            description = "rarer training words become <unk> (default: ${DEFAULT-VALUE})")
    int minCount;
    @Option(names = "--max-length", defaultValue = "20",
            description = "drop pairs longer than this many tokens (counted); synthetic: longest sequence (default: "
                    + "${DEFAULT-VALUE})")
    int maxLength;
    @Option(names = {"--train-limit", "--max-pairs"}, defaultValue = "0",
            description = "use only the first N pairs of the data file, 0 = all")
    int maxPairs;
    @Option(names = "--patience", defaultValue = "4",
            description = "stop after this many epochs without a better dev score; the learning rate halves after each "
                    + "(default: ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--target-units", defaultValue = "words", description =
            "words, or chars: the target spelled out in characters, BLEU over characters (default: ${DEFAULT-VALUE})")
    String targetUnits;
    @Option(names = "--train-size", defaultValue = "20000",
            description = "synthetic tasks: training sequences (default: ${DEFAULT-VALUE})")
    int trainSize;
    @Option(names = "--samples", defaultValue = "8",
            description = "test translations to print (default: ${DEFAULT-VALUE})")
    int samples;
    @Option(names = "--out", paramLabel = "DIR",
            description = "where model.safetensors and metrics.json go (default: runs/translate-<pair or task>)")
    Path out;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    /** What one run works on: the data and its vocabularies, the model, and where it all goes. */
    private record Setup(String name, boolean synthetic, Splits splits, Seq2SeqVocabs vocabs, Seq2SeqConfig config,
                         Seq2Seq model, int generateLimit, Path runDir) {}

    @Override
    public void run() {
        validateOptions();
        if (model.equals("keras")) {
            runKeras();
            return;
        }
        long started = System.nanoTime();
        Setup setup = prepare();
        BestEpoch best = new BestEpoch(setup.model().parameters(), setup.runDir().resolve(RunFiles.MODEL),
                metadata(setup), Double.NEGATIVE_INFINITY);
        List<Map<String, Object>> history = train(setup, best);
        best.restore();
        test(setup, best, history, started);
    }

    private void validateOptions() {
        threads.apply();
        training.check();
        if (beam < 1) throw new UserError("--beam must be at least 1, got " + beam);
        if (patience < 1) throw new UserError("--patience must be at least 1, got " + patience);
        if (maxLength < 1) throw new UserError("--max-length must be at least 1, got " + maxLength);
        Flags.atLeast("--embed", embed, 1);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--layers", layers, 1);
        Flags.inRange("--dropout", dropout, 0, true, 1, false);
        gradClip.check();
        Flags.atLeast("--min-count", minCount, 1);
        Flags.atLeast("--train-limit", maxPairs, 0);
        Flags.atLeast("--train-size", trainSize, 1);
        Flags.atLeast("--samples", samples, 0);
        if (!model.equals("attention") && !model.equals("keras")) {
            throw new UserError("--model must be attention or keras, got '" + model + "'");
        }
        requireMemory();
        OutputPaths.requireWritableDirectory("--out", runDir());
    }

    /** --out, or runs/translate-PAIR-or-TASK (with -keras for the Keras-style model). */
    private Path runDir() {
        String name = task.equals("translate") ? pair : task;
        return out != null ? out : Path.of("runs", "translate-" + name + (model.equals("keras") ? "-keras" : ""));
    }

    /**
     * {@code --model keras}: the same data and split, Keras's seq2seq model ({@link KerasSeq2Seq}) trained with
     * {@code fit} (Adam at --lr, the learning rate halved after an epoch without a better dev loss, early stopping
     * after --patience such epochs with the best weights restored), decoded greedily and with the beam, scored the same
     * way.
     */
    private void runKeras() {
        long started = System.nanoTime();
        Corpus corpus = corpus();
        boolean synthetic = corpus.synthetic();
        String name = corpus.name();
        Splits splits = corpus.splits();
        Seq2SeqVocabs vocabs = corpus.vocabs();
        EncoderDecoder seq2seq = KerasSeq2Seq.model(kind(), vocabs, embed, hidden, layers, dropout, training.lr(),
                training.seed());
        KerasSeq2Seq.Data train = KerasSeq2Seq.data(splits.train(), vocabs);
        KerasSeq2Seq.Data devData = KerasSeq2Seq.data(devPairs(splits.dev()), vocabs);
        int limit = corpus.generateLimit();
        Path runDir = runDir();
        seq2seq.build(Shape.of(Shape.NONE, Shape.NONE), Shape.of(Shape.NONE, Shape.NONE));
        printSetup(corpus, "Keras seq2seq, " + cell, seq2seq.trainableParams(), runDir);
        FitConfig config = FitConfig.defaults().withEpochs(training.epochs()).withBatchSize(training.batchSize())
                .withReduceLROnPlateau(ReduceLROnPlateau.onValLoss(0.5, 0))
                .withEarlyStopping(EarlyStopping.onValLoss(patience).withRestoreBestWeights(true))
                .withListener(System.getenv("RNN4J_TTY") == null ? ConsoleProgress.lines(System.out)
                        : ConsoleProgress.bar(System.out));
        History history = seq2seq.fit(train.inputs(), train.targets(), devData.inputs(), devData.targets(), config);
        TestResults results = TestResults.of(splits.test(), beam,
                (sources, width) -> KerasSeq2Seq.translate(seq2seq, vocabs, sources, width, limit));
        double seconds = (System.nanoTime() - started) / 1e9;
        results.printSamples(samples, characters());
        System.out.printf(Locale.ROOT, "%ntest (%,d sentences): %s; best epoch %d of %d; %.0f s%n",
                results.test().size(), results.scores(), history.bestEpoch(), history.epochs().size(), seconds);
        if (!synthetic) printDataCredit();
        Path saved = runDir.resolve("model.keras");
        KerasModels.save(seq2seq, saved);
        Map<String, Object> metrics = metrics(name, synthetic, results);
        metrics.put("model", "keras");
        metrics.put("best_epoch", history.bestEpoch());
        metrics.put("parameters", seq2seq.trainableParams());
        metrics.put("seconds", seconds);
        metrics.put("train_loss", Arrays.stream(history.loss()).boxed().toList());
        metrics.put("dev_loss", Arrays.stream(history.valLoss()).boxed().toList());
        Path written = RunFiles.writeMetrics(runDir, metrics);
        System.out.println("model: " + saved + "  metrics: " + written);
    }

    /** Before reading the pairs: the encoder and decoder, whose sizes the flags give (the vocabularies' embeddings
     * and output layer come on top), over --max-length steps. */
    private void requireMemory() {
        RecurrentKind k = kind();
        long h = hidden;
        long params = Memory.plus(Memory.recurrentParameters(k, embed, h / 2, layers, true),
                Memory.recurrentParameters(k, embed, h, layers));
        long perStep = Memory.plus(Memory.times(2L * layers * (k.gates() + 3), h), 2L * embed + maxLength);
        TrainingMemory.require("an encoder-decoder of --embed " + embed + " x --hidden " + hidden + " x --layers "
                + layers, params, training.batchSize(), maxLength, perStep, "--hidden, --layers or --batch-size");
    }

    /** Reads or makes the data, builds the vocabularies and the model, and says what it will train. */
    private Setup prepare() {
        Corpus c = corpus();
        Seq2SeqConfig config = new Seq2SeqConfig(kind(), embed, hidden, layers, dropout);
        Seq2Seq model = new Seq2Seq(config, c.vocabs().source().size(), c.vocabs().target().size(),
                new Rng(training.seed()));
        Path runDir = runDir();
        printSetup(c, cell, model.parameters().count(), runDir);
        return new Setup(c.name(), c.synthetic(), c.splits(), c.vocabs(), config, model, c.generateLimit(), runDir);
    }

    /** The pairs to train and test on, with their vocabularies, as either model takes them. */
    private record Corpus(String name, boolean synthetic, Splits splits, Seq2SeqVocabs vocabs, int generateLimit) {}

    /** Reads or makes the data and builds the vocabularies; the longest training target + 5 limits generation. */
    private Corpus corpus() {
        boolean synthetic = !task.equals("translate");
        characters();   // validates --target-units before any work
        Splits splits = synthetic ? synthetic() : tatoeba();
        Seq2SeqVocabs vocabs = Seq2SeqVocabs.build(splits.train(), synthetic ? 1 : minCount);
        int generateLimit = splits.train().stream().mapToInt(p -> p.target().size()).max().orElse(1) + 5;
        return new Corpus(synthetic ? task : pair, synthetic, splits, vocabs, generateLimit);
    }

    /** What a run will train, before it trains. */
    private void printSetup(Corpus c, String model, long parameters, Path runDir) {
        System.out.printf(Locale.ROOT, "%s: %,d training pairs, %,d / %,d dev / test sentences; "
                        + "vocabulary %,d source, %,d target; %s %d×%d; %,d parameters; run directory %s%n",
                c.name(), c.splits().train().size(), c.splits().dev().size(), c.splits().test().size(),
                c.vocabs().source().size(), c.vocabs().target().size(), model, layers, hidden, parameters, runDir);
    }

    /** Every (source, reference) pair of the dev sentences: what the dev loss is taken over. */
    private static List<SentencePair> devPairs(List<TestItem> dev) {
        List<SentencePair> pairs = new ArrayList<>();
        for (TestItem item : dev) {
            for (List<String> ref : item.references()) pairs.add(new SentencePair(item.source(), ref, ""));
        }
        return pairs;
    }

    /** What the saved model carries besides its weights: the configuration, the vocabularies and the target units. */
    private Map<String, String> metadata(Setup setup) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("config", Json.write(setup.config().json()));
        meta.put("source_vocabulary", Json.write(setup.vocabs().source().entries()));
        meta.put("target_vocabulary", Json.write(setup.vocabs().target().entries()));
        meta.put("target_units", setup.synthetic() ? "words" : targetUnits);
        return meta;
    }

    /**
     * Trains until --epochs or --patience epochs without a better dev score, keeping the best epoch: by exact
     * match on the synthetic tasks, by dev loss on language. Returns one history entry per epoch.
     */
    private List<Map<String, Object>> train(Setup setup, BestEpoch best) {
        Seq2Seq model = setup.model();
        Seq2SeqVocabs vocabs = setup.vocabs();
        Splits splits = setup.splits();
        boolean synthetic = setup.synthetic();
        Adam adam = new Adam(model.parameters().list(), AdamConfig.adam().withLr(training.lr()));
        Rng order = new Rng(training.seed() ^ 0x9E3779B97F4A7C15L);
        EpochSteps steps = EpochSteps.of(training.epochs(), splits.train().size(), training.batchSize());
        List<Map<String, Object>> history = new ArrayList<>();
        List<SentencePair> devPairs = devPairs(splits.dev());
        try (Progress progress = Progress.start("translate " + setup.name())) {
            Seq2SeqTraining.train(model, vocabs, splits.train(), adam, training.batchSize(), gradClip.value(), order,
                    training.epochs(),
                    (epoch, step) -> progress.update(steps.fraction(epoch, step),
                            String.format(Locale.ROOT, "epoch %d/%d", epoch, training.epochs())),
                    (epoch, loss) -> {
                        Seq2SeqTraining.Score dev = Seq2SeqTraining.score(Seq2SeqTraining.translate(model, vocabs,
                                sources(splits.dev()), 1, setup.generateLimit()), splits.dev());
                        // Synthetic tasks pick the epoch by exact match; language by the dev loss (young models'
                        // BLEU-4 is often 0).
                        double devLoss = synthetic ? Double.NaN : Seq2SeqTraining.loss(model, vocabs, devPairs);
                        boolean improved = best.offer(epoch, synthetic ? dev.exactMatch() : -devLoss);
                        progress.println(String.format(Locale.ROOT,
                                "epoch %2d  train loss %.4f  %sdev BLEU %.2f  dev exact %.4f%s", epoch, loss,
                                synthetic ? "" : String.format(Locale.ROOT, "dev loss %.4f  ", devLoss),
                                100 * dev.bleu(), dev.exactMatch(), improved ? "  (best, saved)" : ""));
                        Map<String, Object> h = new LinkedHashMap<>();
                        h.put("epoch", epoch);
                        h.put("lr", adam.lr());
                        h.put("train_loss", loss);
                        if (!synthetic) h.put("dev_loss", devLoss);
                        h.put("dev_bleu", dev.bleu());
                        h.put("dev_exact_match", dev.exactMatch());
                        history.add(h);
                        if (improved) return true;
                        // A plateau: smaller steps usually find the next improvement (ReduceLROnPlateau, factor
                        // 1/2, patience 0).
                        adam.setLr(adam.lr() / 2);
                        if (epoch - best.epoch() < patience) return true;
                        progress.println("no better dev score for " + patience + " epochs: stopping");
                        return false;
                    });
        }
        return history;
    }

    /** Translates the test set greedily and with the beam, prints samples and scores, and writes metrics.json. */
    private void test(Setup setup, BestEpoch best, List<Map<String, Object>> history, long started) {
        Seq2Seq model = setup.model();
        TestResults results = TestResults.of(setup.splits().test(), beam,
                (sources, width) -> Seq2SeqTraining.translate(model, setup.vocabs(), sources, width,
                        setup.generateLimit()));
        Seq2SeqTraining.Score greedy = results.greedy();
        double seconds = (System.nanoTime() - started) / 1e9;

        results.printSamples(samples, characters());
        System.out.printf(Locale.ROOT, "%ntest (%,d sentences): %s; best dev epoch %d; %.0f s%n",
                results.test().size(), results.scores(), best.epoch(), seconds);
        System.out.printf(Locale.ROOT,
                "greedy BLEU parts: p1..p4 %s, brevity penalty %.4f (hypothesis %d / reference %d tokens)%n",
                Arrays.stream(greedy.detail().precisions()).mapToObj(p -> String.format(Locale.ROOT, "%.3f", p))
                        .toList(),
                greedy.detail().brevityPenalty(), greedy.detail().hypothesisLength(),
                greedy.detail().referenceLength());
        boolean synthetic = setup.synthetic();
        if (!synthetic) printDataCredit();
        Map<String, Object> metrics = metrics(setup.name(), synthetic, results);
        metrics.put("best_epoch", best.epoch());
        metrics.put(synthetic ? "dev_exact_match" : "dev_loss", synthetic ? best.score() : -best.score());
        metrics.put("config", setup.config().json());
        metrics.put("parameters", model.parameters().count());
        metrics.put("seconds", seconds);
        metrics.put("history", history);
        RunFiles.finish(setup.runDir(), metrics);
    }

    private RecurrentKind kind() {
        return switch (cell) {
            case "lstm" -> RecurrentKind.LSTM;
            case "gru" -> RecurrentKind.GRU;
            default -> throw new UserError("--cell must be lstm or gru, got '" + cell + "'");
        };
    }

    private Splits synthetic() {
        SyntheticTask t;
        try {
            t = SyntheticTask.of(task);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (maxLength < 3) throw new UserError("--max-length must be at least 3 for synthetic tasks, got " + maxLength);
        Rng rng = new Rng(training.seed() + 1000);
        List<SentencePair> train = t.pairs(trainSize, 3, maxLength, rng);
        List<TestItem> dev = t.pairs(500, 3, maxLength, rng).stream().map(p -> Splits.item(List.of(p))).toList();
        List<TestItem> test = t.pairs(1000, 3, maxLength, rng).stream().map(p -> Splits.item(List.of(p))).toList();
        return new Splits(train, dev, test);
    }

    private Splits tatoeba() {
        Path file = data;
        if (file == null) {
            if (!pair.equals("eng-fra") && !pair.equals("eng-kor")) {
                throw new UserError("--pair must be eng-fra or eng-kor, got '" + pair + "'");
            }
            file = ExampleData.file("parallel/" + pair + ".txt.gz");
        }
        List<SentencePair> all = ParallelCorpus.read(file);
        if (maxPairs > 0 && maxPairs < all.size()) all = all.subList(0, maxPairs);
        List<SentencePair> kept = all.stream()
                .filter(p -> p.source().size() <= maxLength && p.target().size() <= maxLength).toList();
        if (characters()) {
            kept = kept.stream()
                    .map(p -> new SentencePair(p.source(), Tokens.characters(p.target()), p.attribution())).toList();
        }
        System.out.printf(Locale.ROOT, "%s: %,d pairs, %,d kept, %,d dropped as longer than --max-length %d tokens%n",
                file, all.size(), kept.size(), all.size() - kept.size(), maxLength);
        // The split is fixed (seed 2024), whatever --seed is, so runs with different seeds share a test set.
        return Splits.of(kept, 0.05, 0.10, 2024);
    }

    /** The first keys of metrics.json, then the test figures. */
    private Map<String, Object> metrics(String name, boolean synthetic, TestResults results) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("example", "translate");
        metrics.put("task", name);
        metrics.put("target_units", synthetic ? "words" : targetUnits);
        results.putMetrics(metrics);
        return metrics;
    }

    /** The data's license asks for its credit, printed after the samples that carry each pair's attribution. */
    private static void printDataCredit() {
        System.out.println("Data: Tatoeba (tatoeba.org) via manythings.org, CC-BY 2.0 (France); every pair's "
                + "attribution is in the third column of the data file and printed with each sample above.");
    }

    private boolean characters() {
        return switch (targetUnits) {
            case "words" -> false;
            case "chars" -> true;
            default -> throw new UserError("--target-units must be words or chars, got '" + targetUnits + "'");
        };
    }

    private static List<List<String>> sources(List<TestItem> items) {
        return items.stream().map(TestItem::source).toList();
    }
}
