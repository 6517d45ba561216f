package dev.rnn4j.examples.postag;

import dev.rnn4j.examples.common.ExampleData;
import dev.rnn4j.examples.common.ExampleTrainingOptions;
import dev.rnn4j.examples.common.GradClipOption;
import dev.rnn4j.text.LengthBatches;
import dev.rnn4j.examples.seqtools.BestEpoch;
import dev.rnn4j.examples.seqtools.EpochSteps;
import dev.rnn4j.examples.seqtools.RunFiles;
import dev.rnn4j.examples.seqtools.TrainingMemory;
import dev.rnn4j.io.Json;
import dev.rnn4j.loss.CrossEntropy;
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
import dev.rnn4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./rnn4j example postag}: many-to-many, one output per step. Part-of-speech tagging of UD Korean
 * GSD or UD English ATIS with a bidirectional LSTM over words and a character LSTM for each word.
 */
@Command(name = "postag", mixinStandardHelpOptions = true,
        description = {"Many-to-many: part-of-speech tagging (UPOS), a bidirectional LSTM over words.",
                "Each word also gets a character LSTM. Data: Universal Dependencies Korean GSD or English ATIS.",
                "Prints test accuracy and per-tag precision/recall; writes model.safetensors and metrics.json to",
                "--out."})
public final class PostagCommand implements Runnable {
    @Option(names = "--treebank", defaultValue = "ko_gsd",
            description = "ko_gsd or en_atis (default: ${DEFAULT-VALUE})")
    String treebank;
    @Option(names = "--train", paramLabel = "FILE", description = "CoNLL-U training file (default: the treebank's)")
    Path trainFile;
    @Option(names = "--dev", paramLabel = "FILE",
            description = "CoNLL-U development file, picks the best epoch (default: the treebank's)")
    Path devFile;
    @Option(names = "--test", paramLabel = "FILE", description = "CoNLL-U test file (default: the treebank's)")
    Path testFile;
    @Mixin
    ExampleTrainingOptions training = new ExampleTrainingOptions(12, 32, 2e-3, 1);
    @Mixin
    GradClipOption gradClip = new GradClipOption(5);
    @Option(names = "--word-dim", defaultValue = "100", description = "word embedding size (default: ${DEFAULT-VALUE})")
    int wordDim;
    @Option(names = "--char-dim", defaultValue = "32",
            description = "character embedding size (default: ${DEFAULT-VALUE})")
    int charDim;
    @Option(names = "--char-hidden", defaultValue = "48",
            description = "character LSTM size per direction (default: ${DEFAULT-VALUE})")
    int charHidden;
    @Option(names = "--hidden", defaultValue = "128",
            description = "sentence LSTM size per direction (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--layers", defaultValue = "1", description = "sentence LSTM layers (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--dropout", defaultValue = "0.33",
            description = "dropout around the sentence LSTM (default: ${DEFAULT-VALUE})")
    float dropout;
    @Option(names = {"--train-limit", "--max-train"}, defaultValue = "0",
            description = "use only the first N training sentences, 0 = all")
    int maxTrain;
    @Option(names = {"--test-limit", "--max-eval"}, defaultValue = "0",
            description = "use only the first N dev and test sentences, 0 = all")
    int maxEval;
    @Option(names = "--out", paramLabel = "DIR",
            description = "where model.safetensors and metrics.json go (default: runs/postag-<treebank>)")
    Path out;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    /** The three splits of the treebank, each cut to its --max-train / --max-eval. */
    private static final int TYPICAL_WORDS = 32, TYPICAL_CHARS = 8;

    private record Corpus(List<TaggedSentence> train, List<TaggedSentence> dev, List<TaggedSentence> test) {}

    @Override
    public void run() {
        validateOptions();
        long started = System.nanoTime();
        Corpus corpus = readCorpus();
        TaggerVocabs vocabs = TaggerVocabs.build(corpus.train());
        PosTagger tagger = new PosTagger(vocabs,
                new TaggerConfig(wordDim, charDim, charHidden, hidden, layers, dropout), new Rng(training.seed()));
        Path runDir = out != null ? out : Path.of("runs", "postag-" + treebank);
        System.out.printf(Locale.ROOT, "%s: %d / %d / %d sentences (train / dev / test), %d words, %d characters, "
                        + "%d tags; %,d parameters; run directory %s%n", treebank, corpus.train().size(),
                corpus.dev().size(), corpus.test().size(), vocabs.words().size(), vocabs.chars().size(),
                vocabs.tags().size(), tagger.parameters().count(), runDir);

        BestEpoch best =
                new BestEpoch(tagger.parameters(), runDir.resolve(RunFiles.MODEL), metadata(tagger, vocabs), -1);
        List<Map<String, Object>> history = train(tagger, vocabs, corpus, best);
        best.restore();
        report(evaluate(tagger, vocabs, corpus.test()), tagger, best, history, started, runDir);
    }

    private void validateOptions() {
        threads.apply();
        if (!treebank.equals("ko_gsd") && !treebank.equals("en_atis")) {
            throw new UserError("--treebank must be ko_gsd or en_atis, got '" + treebank + "'");
        }
        training.check();
        Flags.atLeast("--word-dim", wordDim, 1);
        Flags.atLeast("--char-dim", charDim, 1);
        Flags.atLeast("--char-hidden", charHidden, 1);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--layers", layers, 1);
        Flags.inRange("--dropout", dropout, 0, true, 1, false);
        gradClip.check();
        Flags.atLeast("--train-limit", maxTrain, 0);
        Flags.atLeast("--test-limit", maxEval, 0);
        requireMemory();
        OutputPaths.requireWritableDirectory("--out", out != null ? out : Path.of("runs", "postag-" + treebank));
    }

    /** Before reading the treebank: both BiLSTMs (the embeddings of its vocabularies come on top), over a
     * sentence of {@value #TYPICAL_WORDS} words of {@value #TYPICAL_CHARS} characters. */
    private void requireMemory() {
        RecurrentKind k = RecurrentKind.LSTM;
        long h = hidden, ch = charHidden;
        long params = Memory.plus(Memory.recurrentParameters(k, charDim, ch, 1, true),
                Memory.recurrentParameters(k, Memory.plus(wordDim, 2 * ch), h, layers, true));
        long perWord = Memory.plus(Memory.times(2L * (k.gates() + 3) * layers, h),
                Memory.times(2L * (k.gates() + 3) * TYPICAL_CHARS, ch) + wordDim);
        TrainingMemory.require("a tagger of --hidden " + hidden + " x --layers " + layers + " and --char-hidden "
                + charHidden, params, training.batchSize(), TYPICAL_WORDS, perWord,
                "--hidden, --layers, --char-hidden or --batch-size");
    }

    private Corpus readCorpus() {
        return new Corpus(first(Conllu.read(file(trainFile, "train")), maxTrain),
                first(Conllu.read(file(devFile, "dev")), maxEval), first(Conllu.read(file(testFile, "test")), maxEval));
    }

    /** What the saved model carries besides its weights: the configuration, the vocabularies and the treebank. */
    private Map<String, String> metadata(PosTagger tagger, TaggerVocabs vocabs) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("config", tagger.config().json());
        meta.put("words", Json.write(vocabs.words().entries()));
        meta.put("chars", Json.write(vocabs.chars().entries()));
        meta.put("tags", Json.write(vocabs.tags().entries()));
        meta.put("treebank", treebank);
        return meta;
    }

    /** Trains for --epochs, keeping the best epoch by dev accuracy; returns one history entry per epoch. */
    private List<Map<String, Object>> train(PosTagger tagger, TaggerVocabs vocabs, Corpus corpus, BestEpoch best) {
        Adam adam = new Adam(tagger.parameters().list(), AdamConfig.adam().withLr(training.lr()));
        Rng order = new Rng(training.seed() ^ 0x9E3779B97F4A7C15L), wordDropout = new Rng(training.seed() + 17);
        EpochSteps steps = EpochSteps.of(training.epochs(), corpus.train().size(), training.batchSize());
        List<Map<String, Object>> history = new ArrayList<>();
        tagger.train(true);
        CrossEntropy loss = new CrossEntropy();
        List<TaggedSentence> train = corpus.train();
        int[] lengths = train.stream().mapToInt(TaggedSentence::length).toArray();
        double[] lossSum = {0};
        int[] epochSteps = {0};
        Trainer.Config config = new Trainer.Config(training.epochs(), 0, gradClip.value(), null, null);
        try (Progress progress = Progress.start("postag " + treebank)) {
            new Trainer<int[]>(adam, config).overBuffer(tagger.parameters().buffer()).train(
                    e -> LengthBatches.bucketed(lengths, training.batchSize(), order),
                    idx -> {
                        PosBatch b = PosBatch.of(pick(train, idx), vocabs, wordDropout);
                        PosTagger.Pass pass = tagger.forward(b);
                        float[] dLogits = new float[pass.logits().numel()];
                        double l = loss.compute(pass.logits(), b.tags(), dLogits);
                        tagger.backward(pass, dLogits);
                        return l;
                    },
                    new Trainer.Listener() {
                        @Override
                        public boolean afterStep(Trainer.Step s) {
                            lossSum[0] += s.loss();
                            epochSteps[0] = s.index() + 1;
                            progress.update(steps.fraction(s.epoch(), epochSteps[0]), String.format(Locale.ROOT,
                                    "epoch %d/%d loss %.4f", s.epoch(), training.epochs(),
                                    lossSum[0] / epochSteps[0]));
                            return true;
                        }

                        @Override
                        public boolean afterEpoch(int epoch) {
                            double trainLoss = lossSum[0] / epochSteps[0];
                            lossSum[0] = 0;
                            TagMetrics d = evaluate(tagger, vocabs, corpus.dev());   // back in training mode after
                            boolean improved = best.offer(epoch, d.accuracy());
                            progress.println(String.format(Locale.ROOT, "epoch %2d  train loss %.4f  dev accuracy "
                                    + "%.4f%s", epoch, trainLoss, d.accuracy(), improved ? "  (best, saved)" : ""));
                            Map<String, Object> h = new LinkedHashMap<>();
                            h.put("epoch", epoch);
                            h.put("train_loss", trainLoss);
                            h.put("dev_accuracy", d.accuracy());
                            h.put("lr", adam.lr());
                            history.add(h);
                            // A plateau: halve the step (ReduceLROnPlateau, patience 0).
                            if (!improved) adam.setLr(adam.lr() / 2);
                            return true;
                        }
                    });
        }
        return history;
    }

    /** Prints the per-tag table and the test figures, and writes metrics.json. */
    private void report(TagMetrics t, PosTagger tagger, BestEpoch best, List<Map<String, Object>> history, long started,
            Path runDir) {
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println();
        System.out.print(t.table());
        System.out.printf(Locale.ROOT, "%ntest UPOS accuracy %.4f on %,d tokens (unknown words: %.4f on %,d); "
                + "best dev %.4f at epoch %d; %.0f s%n", t.accuracy(), t.tokens(), t.unknownAccuracy(),
                t.unknownTokens(), best.score(), best.epoch(), seconds);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("example", "postag");
        metrics.put("treebank", treebank);
        metrics.put("test_accuracy", t.accuracy());
        metrics.put("test_tokens", t.tokens());
        metrics.put("test_unknown_word_accuracy", t.unknownAccuracy());
        metrics.put("test_unknown_words", t.unknownTokens());
        metrics.put("dev_accuracy", best.score());
        metrics.put("best_epoch", best.epoch());
        metrics.put("epochs", training.epochs());
        metrics.put("parameters", tagger.parameters().count());
        metrics.put("seconds", seconds);
        metrics.put("per_tag", t.perTagJson());
        metrics.put("history", history);
        RunFiles.finish(runDir, metrics);
    }

    /** Tags every sentence (evaluation mode, no dropout) and scores against the gold tags. */
    static TagMetrics evaluate(PosTagger tagger, TaggerVocabs vocabs, List<TaggedSentence> sentences) {
        tagger.train(false);
        TagMetrics m = new TagMetrics(vocabs.tags());
        int[] lengths = sentences.stream().mapToInt(TaggedSentence::length).toArray();
        for (int[] idx : LengthBatches.sorted(lengths, 64)) {
            List<TaggedSentence> batch = pick(sentences, idx);
            PosBatch b = PosBatch.of(batch, vocabs, null);
            int[] predicted = PosTagger.argmax(tagger.forward(b).logits());
            for (int i = 0; i < batch.size(); i++) {
                TaggedSentence s = batch.get(i);
                for (int t = 0; t < s.length(); t++) {
                    m.add(s.tags().get(t), vocabs.tags().get(predicted[i * b.maxLength() + t]),
                            !vocabs.words().contains(s.words().get(t)));
                }
            }
        }
        tagger.train(true);
        return m;
    }

    private Path file(Path given, String split) {
        return ExampleData.fileOr(given, "pos/" + treebank + "/" + treebank + "-ud-" + split + ".conllu.gz");
    }

    private static <T> List<T> first(List<T> all, int n) { return n > 0 && n < all.size() ? all.subList(0, n) : all; }

    private static <T> List<T> pick(List<T> all, int[] idx) {
        List<T> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(all.get(i));
        return out;
    }
}
