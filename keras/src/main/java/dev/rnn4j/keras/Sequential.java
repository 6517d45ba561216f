package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's {@code Sequential}: layers applied in order, with {@code summary()}, {@code compile},
 * {@code fit}, {@code evaluate} and {@code predict}. A call records each layer's call; backward runs
 * them in reverse ({@link SequentialCall}).
 *
 * <pre>{@code
 * Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID));
 * model.printSummary();                                   // 320,000 / 2,080 / 33, total 322,113
 * model.compile("rmsprop", "binary_crossentropy", "acc");
 * History h = model.fit(x, y, 10, 128, 0.2);              // x: (N, T) token ids, y: (N, 1)
 * Tensor p = model.predict(xTest);                        // (N, 1) probabilities
 * }</pre>
 *
 * <p>Layers are named as Keras names them after {@code K.clear_session()}, counting within this model:
 * {@code dense}, {@code dense_1}, ... The model is built (its parameters created, from {@link #seed}) by
 * {@link #build}, or on the first {@code summary}, {@code fit}, {@code predict} or {@code call}; a model
 * starting with an {@link Embedding} knows its input shape, {@code (None, None)}. All randomness
 * (initialisation, dropout, shuffling) comes from the seed: the same seed gives the same run.
 */
public final class Sequential implements Layer, KerasModel {
    private final List<Layer> layers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    private String name = "sequential";
    private String inputLayerName;
    private long seed;
    private Rng shuffleRng;
    private Shape inputShape;
    private Shape outputShape;
    private ParameterBuffer buffer;
    private final Compilation compilation = new Compilation();

    public static Sequential of(Layer... layers) {
        Sequential m = new Sequential();
        for (Layer l : layers) m.add(l);
        return m;
    }

    /** Appends a layer (before the model is built). */
    public Sequential add(Layer layer) {
        if (layer == null) throw new IllegalArgumentException("layer must not be null");
        requireNotBuilt("add a layer");
        if (layer.isBuilt()) {
            throw new IllegalArgumentException(layer.typeName() + " is already built; add unbuilt layers");
        }
        String base = snakeCase(layer.typeName());
        int n = nameCounts.merge(base, 1, Integer::sum);
        names.add(n == 1 ? base : base + "_" + (n - 1));
        layers.add(layer);
        return this;
    }

    /**
     * Appends a layer under a given name (as a loaded Keras file names it, e.g. {@code lstm_3}) instead of the
     * counted default; names must be unique.
     */
    public Sequential add(Layer layer, String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a layer name must not be blank");
        if (names.contains(name)) {
            throw new IllegalArgumentException("a layer named '" + name + "' is already in the model");
        }
        add(layer);
        names.set(names.size() - 1, name);
        return this;
    }

    /** The model's name, shown by {@code summary()} (default {@code sequential}). */
    public Sequential name(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a model name must not be blank");
        this.name = name;
        return this;
    }

    @Override
    public String name() { return name; }

    /** The seed of initialisation, dropout and shuffling (default 0); set it before the model is built. */
    public Sequential seed(long seed) {
        requireNotBuilt("set the seed");
        this.seed = seed;
        return this;
    }

    public List<Layer> layers() { return List.copyOf(layers); }

    /** Layer names, as {@code summary()} shows them. */
    public List<String> layerNames() { return List.copyOf(names); }

    /** Keras's {@code Sequential.build(input_shape)}: the input shape after the batch, NONE for unknown steps. */
    public Sequential build(int... perExampleShape) { return build(Shape.batchOf(perExampleShape)); }

    public Sequential build(Shape inputShape) {
        Rng root = new Rng(seed);
        build(inputShape, root.split());
        shuffleRng = root.split();
        buffer = ParameterBuffer.of(parameters());   // one flat array for the optimizer and weight snapshots
        return this;
    }

    /** Builds every layer in turn, each from the previous output shape (used directly when nested). */
    @Override
    public Shape build(Shape inputShape, Rng rng) {
        if (layers.isEmpty()) throw new IllegalStateException("a Sequential model needs at least one layer");
        Shape s = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).build(s, rng);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + names.get(i) + ": " + e.getMessage(), e);
            }
        }
        this.inputShape = inputShape;
        outputShape = s;
        return s;
    }

    /** The input shape the model was built for (batch first), or null before it is built. */
    public Shape inputShape() { return inputShape; }

    @Override
    public List<Shape> inputShapes() { return inputShape == null ? null : List.of(inputShape); }

    @Override
    public boolean isBuilt() { return outputShape != null; }

    @Override
    public Shape outputShape() { return outputShape; }

    @Override
    public String typeName() { return "Sequential"; }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) all.addAll(l.parameters());
        return all;
    }

    @Override
    public long nonTrainableParams() {
        long n = 0;
        for (Layer l : layers) n += l.nonTrainableParams();
        return n;
    }

    /** Keras 3's summary table ({@link SummaryStyle#KERAS3}). */
    public String summary() { return summary(SummaryStyle.KERAS3); }

    @Override
    public String summary(SummaryStyle style) {
        if (style == null) throw new IllegalArgumentException("style must not be null");
        if (style == SummaryStyle.KERAS2) {
            if (!isBuilt()) buildWithoutData();
            List<Summary.Row> rows = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                rows.add(new Summary.Row(names.get(i), l.typeName(), l.outputShape(),
                        l.trainableParams() + l.nonTrainableParams()));
            }
            return Summary.render(name, rows, trainableParams(), nonTrainableParams());
        }
        List<Keras3Summary.Row> rows = new ArrayList<>();
        if (inputLayerName != null && isBuilt()) {
            rows.add(new Keras3Summary.Row(inputLayerName + " (InputLayer)", inputShape.toString(), "0"));
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            // Keras 3 counts a layer without weights (Dropout, Masking, pooling) as built from the start.
            String params = isBuilt() ? Summary.thousands(l.trainableParams() + l.nonTrainableParams())
                    : l instanceof ParameterFreeLayer ? "0" : "0 (unbuilt)";
            rows.add(new Keras3Summary.Row(names.get(i) + " (" + l.typeName() + ")",
                    isBuilt() ? l.outputShape().toString() : "?", params));
        }
        return Keras3Summary.render(name, rows, Keras3Summary.Totals.of(trainableParams(), nonTrainableParams(),
                compilation.optimizer()));
    }

    /**
     * Shows an {@code InputLayer} row first in the Keras 3 summary, as Keras does for a functional model (the
     * importer sets it for functional files); null for none, the default of a Sequential.
     */
    public Sequential inputLayerName(String name) {
        if (name != null && name.isBlank()) throw new IllegalArgumentException("an input layer name must not be blank");
        this.inputLayerName = name;
        return this;
    }

    public void printSummary() { printSummary(System.out); }

    public void printSummary(PrintStream out) { out.print(summary()); }

    public void printSummary(PrintStream out, SummaryStyle style) { out.print(summary(style)); }

    @Override
    public SequentialCall call(Tensor x, int[] lengths, boolean training) {
        if (!isBuilt()) buildFor(x);
        List<LayerCall> calls = new ArrayList<>(layers.size());
        Tensor h = x;
        int[] len = lengths;
        for (Layer l : layers) {
            LayerCall c = l.call(h, len, training);
            calls.add(c);
            h = c.output();
            len = c.lengths();
        }
        return new SequentialCall(calls);
    }

    /** Keras's {@code compile}: an optimizer factory (see {@link KerasOptimizers}), a loss and metrics. */
    public Sequential compile(Function<List<Parameter>, Optimizer> optimizer, Loss loss, Metric... metrics) {
        compilation.compile(optimizer, loss, metrics);
        return this;
    }

    /** Whether a recurrent layer is {@code stateful}: then each call's outputs depend on the calls before. */
    public boolean isStateful() {
        for (Layer l : layers) {
            Recurrent spec = l instanceof Bidirectional b ? b.layer() : l instanceof Recurrent r ? r : null;
            if (spec != null && spec.isStateful()) return true;
        }
        return false;
    }

    /** Zeros the carried states of every stateful recurrent layer (Keras's {@code reset_states()}). */
    public void resetStates() { recurrentRunners().forEach(RecurrentRunner::resetStates); }

    /** The batch size the stateful layers carry their states for, or -1 (none carried yet, or none stateful). */
    public int statefulBatchSize() {
        for (RecurrentRunner r : recurrentRunners()) if (r.statefulBatchSize() > 0) return r.statefulBatchSize();
        return -1;
    }

    /** The built recurrent layers' runners, a Bidirectional's included. */
    private List<RecurrentRunner> recurrentRunners() {
        List<RecurrentRunner> runners = new ArrayList<>();
        for (Layer l : layers) {
            RecurrentRunner r = l instanceof Recurrent rec ? rec.runner() : l instanceof Bidirectional b ? b.runner()
                    : null;
            if (r != null) runners.add(r);
        }
        return runners;
    }

    /** The compiled loss, or null before {@link #compile}. */
    public Loss loss() { return compilation.loss(); }

    /** Whether {@link #compile} was given the accuracy metric. */
    public boolean hasAccuracyMetric() { return compilation.accuracy(); }

    /** The compiled optimizer factory ({@link KerasOptimizers.Named} when it came from there), or null. */
    public Function<List<Parameter>, Optimizer> optimizerFactory() { return compilation.optimizerFactory(); }

    /** By Keras's names: {@code compile("rmsprop", "binary_crossentropy", "acc")}. */
    public Sequential compile(String optimizer, String loss, String... metrics) {
        compilation.compile(optimizer, loss, metrics);
        return this;
    }

    /** Keras's {@code fit(x, y, epochs, batch_size, validation_split)}. */
    public History fit(Tensor x, Tensor y, int epochs, int batchSize, double validationSplit) {
        return fit(x, y,
                FitConfig.defaults().withEpochs(epochs).withBatchSize(batchSize).withValidationSplit(validationSplit));
    }

    public History fit(Tensor x, Tensor y, FitConfig config) {
        compilation.requireCompiled("fit");
        if (!isBuilt()) buildFor(x);
        if (buffer == null) {
            throw new IllegalStateException("this model was built as a layer of another model; fit the outer model");
        }
        checkTargets(y, "y");
        if (config.validationY() != null) checkTargets(config.validationY(), "validation y");
        compilation.startOptimizer("fit", buffer);
        return new Fitting(fitModel(), config).run(List.of(x), y);
    }

    /** Loss and accuracy over all of x in batches of 32, without dropout. */
    public Scores evaluate(Tensor x, Tensor y) { return evaluate(x, y, 32); }

    public Scores evaluate(Tensor x, Tensor y, int batchSize) {
        compilation.requireCompiled("evaluate");
        if (!isBuilt()) buildFor(x);
        checkTargets(y, "y");
        return Fitting.evaluate(fitModel(), List.of(x), y, Fitting.range(0, x.size(0)), batchSize);
    }

    private void checkTargets(Tensor y, String what) {
        Objective.checkTargets(compilation.loss(), y, outputShape == null ? Shape.NONE : outputShape.last(), what);
    }

    @Override
    public History fit(List<Tensor> inputs, Tensor y, FitConfig config) {
        return fit(KerasModel.single(inputs), y, config);
    }

    @Override
    public Scores evaluate(List<Tensor> inputs, Tensor y, int batchSize) {
        return evaluate(KerasModel.single(inputs), y, batchSize);
    }

    @Override
    public Tensor predict(List<Tensor> inputs, int batchSize) { return predict(KerasModel.single(inputs), batchSize); }

    /** The outputs for x in batches of 32, without dropout. */
    public Tensor predict(Tensor x) { return predict(x, 32); }

    public Tensor predict(Tensor x, int batchSize) {
        if (!isBuilt()) buildFor(x);
        return Fitting.predict(this::fitCall, List.of(x), batchSize);
    }

    /** This model as {@link Fitting} runs it. */
    private FitModel fitModel() {
        return new FitModel(this::fitCall, compilation.loss(), compilation.accuracy(), compilation.optimizer(), buffer,
                shuffleRng);
    }

    private FitModel.Call fitCall(List<Tensor> inputs, boolean training) {
        SequentialCall c = call(inputs.getFirst(), null, training);
        return new FitModel.Call(c.last(), c::backward, c::backwardFromPreActivation);
    }

    /** The optimizer once {@code fit} or {@link #startOptimizer} made it (its state is what a save writes), or null. */
    public Optimizer optimizer() { return compilation.optimizer(); }

    @Override
    public boolean isCompiled() { return compilation.isCompiled(); }

    /**
     * The compiled optimizer, made now if {@code fit} has not made it yet (for example to import a saved state
     * with {@link Optimizer#importState}); the model must be compiled and built.
     */
    public Optimizer startOptimizer() {
        compilation.requireCompiled("startOptimizer");
        if (buffer == null) throw new IllegalStateException("build the model before starting its optimizer");
        return compilation.startOptimizer("startOptimizer", buffer);
    }

    ParameterBuffer buffer() { return buffer; }

    Rng shuffleRng() { return shuffleRng; }

    /** From the data: its shape after the batch, with the steps of a (N, T, F) input unknown. */
    private void buildFor(Tensor x) { build(inputShapeFor(layers.getFirst(), x)); }

    /**
     * The input shape a model whose first layer is {@code first} builds for from data x: an Embedding's own, else x's
     * shape after the batch, with the steps of a (N, T, F) input unknown.
     */
    static Shape inputShapeFor(Layer first, Tensor x) {
        if (first instanceof Embedding e) return e.defaultInputShape();
        int[] dims = x.shape();
        dims[0] = Shape.NONE;
        if (dims.length == 3) dims[1] = Shape.NONE;
        return Shape.of(dims);
    }

    private void buildWithoutData() {
        if (!layers.isEmpty() && layers.getFirst() instanceof Embedding e) {
            build(e.defaultInputShape());
            return;
        }
        throw new IllegalStateException("This model has not yet been built. Build it with build(inputShape) or by "
                + "calling fit() or predict() with data; only a model starting with an Embedding knows its "
                + "input shape.");
    }

    private void requireNotBuilt(String what) {
        if (isBuilt()) throw new IllegalStateException("cannot " + what + " after the model is built");
    }

    /** Keras's {@code to_snake_case}: SimpleRNN → simple_rnn, LSTM → lstm, Dense → dense. */
    static String snakeCase(String name) {
        String s = name.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
