package dev.rnn4j.keras;

import dev.rnn4j.decode.BeamSearch;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keras's sequence-to-sequence model of two inputs: an encoder chain whose last layer, a recurrent layer with
 * {@code return_state}, hands its final states to a recurrent layer of the decoder chain as {@code initial_state};
 * the decoder reads the target sequence shifted by one (teacher forcing) and its last layer gives the output. It is
 * the functional model of Keras's seq2seq examples:
 *
 * <pre>{@code
 * // Keras: encoder_outputs, h, c = LSTM(256, return_state=True)(Embedding(src_vocab, 64)(encoder_inputs))
 * //        x = LSTM(256, return_sequences=True)(Embedding(tgt_vocab, 64)(decoder_inputs), initial_state=[h, c])
 * //        model = keras.Model([encoder_inputs, decoder_inputs], Dense(tgt_vocab, activation="softmax")(x))
 * EncoderDecoder model = EncoderDecoder.of(
 *         List.of(new Embedding(srcVocab, 64).maskZero(true), new LSTM(256).returnState(true)),
 *         List.of(new Embedding(tgtVocab, 64), new LSTM(256).returnSequences(true),
 *                 new Dense(tgtVocab, Activation.SOFTMAX)));
 * model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
 * model.fit(List.of(source, targetIn), targetOut, FitConfig.defaults().withEpochs(10));
 * Tensor p = model.predict(List.of(source, targetIn));            // (N, T, tgtVocab)
 * }</pre>
 *
 * <p>A stacked model may hand on more than one layer's states ({@link StateLink}s: Keras's multi-layer seq2seq,
 * encoder layer k starting decoder layer k). Backward runs the decoder's calls in reverse; each linked layer's
 * gradient with respect to its initial states becomes the gradient of its encoder layer's final states, and the
 * encoder's calls run in reverse from there, so one optimizer step trains both chains. Layers are named as Keras
 * names them, counting over the encoder's layers and then the decoder's; the inputs are {@code input_layer} and
 * {@code input_layer_1}. All randomness comes from the {@link #seed}, as in {@link Sequential}.
 */
public final class EncoderDecoder implements KerasModel {
    private final Sequential encoder = new Sequential(), decoder = new Sequential();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    private final List<StateLink> links;                // which encoder layer's states start which decoder layer
    private String name = "functional";
    private List<String> inputNames = List.of("input_layer", "input_layer_1");
    private List<String> rowOrder;
    private long seed;
    private Rng shuffleRng;
    private ParameterBuffer buffer;
    private final Compilation compilation = new Compilation();

    private EncoderDecoder(List<StateLink> links) { this.links = List.copyOf(links); }

    /**
     * The encoder's layers (the last a {@link SimpleRNN}, {@link LSTM} or {@link GRU} with {@code returnState}) and the
     * decoder's. The encoder's recurrent layers with {@code returnState} hand their final states, in order, to the
     * decoder's first recurrent layers: one such layer (the last) starts the decoder's first recurrent layer, as in
     * Keras's seq2seq example; with two (a stacked encoder), the first starts the decoder's first and the last its
     * second, as in Keras's multi-layer seq2seq models.
     */
    public static EncoderDecoder of(List<? extends Layer> encoderLayers, List<? extends Layer> decoderLayers) {
        return of(encoderLayers, null, decoderLayers, null);
    }

    /**
     * As {@link #of(List, List)} with the layers' names (as a loaded Keras file names them; null: counted names).
     */
    public static EncoderDecoder of(List<? extends Layer> encoderLayers, List<String> encoderNames,
                                    List<? extends Layer> decoderLayers, List<String> decoderNames) {
        requireLayers(encoderLayers, decoderLayers);
        List<StateLink> links = StateLink.inOrder(encoderLayers, decoderLayers);
        return of(encoderLayers, encoderNames, decoderLayers, decoderNames, links);
    }

    /**
     * With the hand-offs given: each link's encoder layer a recurrent layer with {@code returnState}, the encoder's
     * last layer among them; each decoder layer a recurrent layer of the same number of states and units, taking one
     * link.
     */
    public static EncoderDecoder of(List<? extends Layer> encoderLayers, List<String> encoderNames,
                                    List<? extends Layer> decoderLayers, List<String> decoderNames,
                                    List<StateLink> links) {
        requireLayers(encoderLayers, decoderLayers);
        if (links == null) throw new IllegalArgumentException("links must not be null (List.of() for none)");
        StateLink.check(links, encoderLayers, decoderLayers);
        EncoderDecoder m = new EncoderDecoder(links);
        m.addAll(m.encoder, encoderLayers, encoderNames);
        m.addAll(m.decoder, decoderLayers, decoderNames);
        for (Sequential chain : List.of(m.encoder, m.decoder)) {
            if (chain.isStateful()) {
                throw new IllegalArgumentException("stateful layers are not supported in an encoder-decoder: each "
                        + "call starts the decoder from the encoder's states");
            }
        }
        return m;
    }

    private static void requireLayers(List<? extends Layer> encoderLayers, List<? extends Layer> decoderLayers) {
        if (encoderLayers == null || encoderLayers.isEmpty() || decoderLayers == null || decoderLayers.isEmpty()) {
            throw new IllegalArgumentException("an encoder-decoder needs at least one encoder and one decoder layer");
        }
        if (encoderLayers.stream().anyMatch(java.util.Objects::isNull)
                || decoderLayers.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a layer must not be null");
        }
    }

    private void addAll(Sequential chain, List<? extends Layer> layers, List<String> names) {
        if (names != null && names.size() != layers.size()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + names.size() + " names");
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String base = Sequential.snakeCase(l.typeName());
            int n = nameCounts.merge(base, 1, Integer::sum);
            String given = names == null ? null : names.get(i);
            String layerName = given != null ? given : n == 1 ? base : base + "_" + (n - 1);
            if (layerNames().contains(layerName)) {
                throw new IllegalArgumentException("a layer named '" + layerName + "' is already in the model");
            }
            chain.add(l, layerName);
        }
    }

    /** The model's name (default {@code functional}, as Keras 3 names a {@code keras.Model}). */
    public EncoderDecoder name(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a model name must not be blank");
        this.name = name;
        return this;
    }

    @Override
    public String name() { return name; }

    /** The names of the two inputs, encoder's first (default {@code input_layer}, {@code input_layer_1}). */
    public EncoderDecoder inputNames(String encoderInput, String decoderInput) {
        if (encoderInput == null || encoderInput.isBlank() || decoderInput == null || decoderInput.isBlank()
                || encoderInput.equals(decoderInput)) {
            throw new IllegalArgumentException("the two inputs need two different names, got '" + encoderInput
                    + "' and '" + decoderInput + "'");
        }
        this.inputNames = List.of(encoderInput, decoderInput);
        return this;
    }

    public List<String> inputNames() { return inputNames; }

    /** The seed of initialisation, dropout and shuffling (default 0); set it before the model is built. */
    public EncoderDecoder seed(long seed) {
        requireNotBuilt("set the seed");
        this.seed = seed;
        return this;
    }

    public List<Layer> encoderLayers() { return encoder.layers(); }

    public List<Layer> decoderLayers() { return decoder.layers(); }

    /** Every layer's name, the encoder's first. */
    public List<String> layerNames() {
        List<String> all = new ArrayList<>(encoder.layerNames());
        all.addAll(decoder.layerNames());
        return all;
    }

    /** Which encoder layer's final states start which decoder layer, in decoder order. */
    public List<StateLink> stateLinks() { return links; }

    /**
     * Builds both chains for inputs of these shapes (batch first, {@link Shape#NONE} for unknown steps), the
     * encoder's parameters first, all from the seed.
     */
    public EncoderDecoder build(Shape encoderInput, Shape decoderInput) {
        requireNotBuilt("build the model");
        Rng root = new Rng(seed), init = root.split();
        try {
            encoder.build(encoderInput, init);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoder: " + e.getMessage(), e);
        }
        try {
            decoder.build(decoderInput, init);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decoder: " + e.getMessage(), e);
        }
        shuffleRng = root.split();
        buffer = ParameterBuffer.of(parameters());
        return this;
    }

    public boolean isBuilt() { return buffer != null; }

    /** The encoder's and the decoder's input shapes (batch first), or null before the model is built. */
    @Override
    public List<Shape> inputShapes() {
        return isBuilt() ? List.of(encoder.inputShape(), decoder.inputShape()) : null;
    }

    public Shape outputShape() { return decoder.outputShape(); }

    /**
     * The trainable parameters, layer by layer in {@link #rowOrder} (Keras's order of a model's variables, which its
     * optimizer state follows): the encoder's first unless a loaded file orders them otherwise.
     */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers()) all.addAll(l.parameters());
        return all;
    }

    /** Every layer in {@link #rowOrder}, the inputs left out; {@link #layerNamesInOrder} names them. */
    public List<Layer> layers() {
        Map<String, Layer> byName = new HashMap<>();
        List<String> names = layerNames();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i < encoder.layers().size() ? encoder.layers().get(i)
                    : decoder.layers().get(i - encoder.layers().size()));
        }
        List<Layer> ordered = new ArrayList<>();
        for (String n : layerNamesInOrder()) ordered.add(byName.get(n));
        return ordered;
    }

    /** The layers' names in {@link #rowOrder}, the inputs left out. */
    public List<String> layerNamesInOrder() {
        return rowOrder().stream().filter(n -> !inputNames.contains(n)).toList();
    }

    public long trainableParams() { return encoder.trainableParams() + decoder.trainableParams(); }

    /**
     * Keras 3's summary of a functional model that is not a chain: a row per input and per layer (in {@link #rowOrder}
     * order) with a "Connected to" column; the encoder layers that hand on states show them. The Keras 2 table is
     * for {@link Sequential} models only.
     */
    @Override
    public String summary(SummaryStyle style) { return EncoderDecoderSummary.render(this, style); }

    /**
     * The order of the summary's rows, by name: as a loaded file lists its layers ({@link #rowOrder(List)}), else the
     * encoder's input and layers, then the decoder's.
     */
    public List<String> rowOrder() {
        if (rowOrder != null) return rowOrder;
        List<String> order = new ArrayList<>();
        order.add(inputNames.get(0));
        order.addAll(encoder.layerNames());
        order.add(inputNames.get(1));
        order.addAll(decoder.layerNames());
        return order;
    }

    /**
     * Sets the order of the summary's rows and of the parameters (every input and layer name once), as Keras lists a
     * loaded model's layers; before the model is built.
     */
    public EncoderDecoder rowOrder(List<String> names) {
        requireNotBuilt("set the row order");
        List<String> expected = new ArrayList<>(inputNames);
        expected.addAll(layerNames());
        if (names.size() != expected.size() || !Set.copyOf(names).equals(Set.copyOf(expected))) {
            throw new IllegalArgumentException("the row order must name every input and layer once: " + expected
                    + ", got " + names);
        }
        this.rowOrder = List.copyOf(names);
        return this;
    }

    /** A forward pass on one batch of each input (encoder's first); building the model from them if not built. */
    public EncoderDecoderCall call(Tensor encoderInput, Tensor decoderInput, boolean training) {
        if (!isBuilt()) buildFor(encoderInput, decoderInput);
        if (encoderInput.size(0) != decoderInput.size(0)) {
            throw new IllegalArgumentException("the encoder and decoder inputs must hold the same number of "
                    + "examples, got " + encoderInput.size(0) + " and " + decoderInput.size(0));
        }
        return EncoderDecoderCall.run(encoder, decoder.layers(), links, encoderInput, decoderInput, training);
    }

    /** Keras's {@code compile}: an optimizer factory (see {@link KerasOptimizers}), a loss and metrics. */
    public EncoderDecoder compile(Function<List<Parameter>, Optimizer> optimizer, Loss loss, Metric... metrics) {
        compilation.compile(optimizer, loss, metrics);
        return this;
    }

    /** By Keras's names: {@code compile("rmsprop", "sparse_categorical_crossentropy", "accuracy")}. */
    public EncoderDecoder compile(String optimizer, String loss, String... metrics) {
        compilation.compile(optimizer, loss, metrics);
        return this;
    }

    @Override
    public boolean isCompiled() { return compilation.isCompiled(); }

    public Loss loss() { return compilation.loss(); }

    public boolean hasAccuracyMetric() { return compilation.accuracy(); }

    public Function<List<Parameter>, Optimizer> optimizerFactory() { return compilation.optimizerFactory(); }

    /** The optimizer once {@code fit} or {@link #startOptimizer} made it, or null. */
    public Optimizer optimizer() { return compilation.optimizer(); }

    /** The compiled optimizer, made now if {@code fit} has not made it yet; the model must be compiled and built. */
    public Optimizer startOptimizer() {
        if (!isBuilt()) throw new IllegalStateException("build the model before starting its optimizer");
        return compilation.startOptimizer("startOptimizer", buffer);
    }

    /**
     * Keras's {@code fit([encoder_input, decoder_input], y)}: y holds the decoder's targets (the next tokens: class
     * ids for {@code sparse_categorical_crossentropy}). Validation by {@code validationSplit} (the last examples of
     * both inputs), or with {@link #fit(List, Tensor, List, Tensor, FitConfig)}.
     */
    @Override
    public History fit(List<Tensor> inputs, Tensor y, FitConfig config) {
        if (config.validationX() != null) {
            throw new IllegalArgumentException("FitConfig.withValidationData takes one input; give an "
                    + "encoder-decoder's validation inputs to fit(inputs, y, validationInputs, validationY, config)");
        }
        return fit(inputs, y, null, null, config);
    }

    /** Keras's {@code fit(..., validation_data=([encoder_input, decoder_input], y))}. */
    public History fit(List<Tensor> inputs, Tensor y, List<Tensor> validationInputs, Tensor validationY,
                       FitConfig config) {
        requireInputs(inputs);
        if (validationInputs != null) requireInputs(validationInputs);
        if ((validationInputs == null) != (validationY == null)) {
            throw new IllegalArgumentException("validation inputs and validation targets go together");
        }
        if (validationInputs != null && config.validationSplit() > 0) {
            throw new IllegalArgumentException("give validation data or a validationSplit, not both");
        }
        if (!isBuilt()) buildFor(inputs.get(0), inputs.get(1));
        compilation.requireCompiled("fit");
        checkTargets(y);
        if (validationY != null) checkTargets(validationY);
        compilation.startOptimizer("fit", buffer);
        return new Fitting(fitModel(), config).run(inputs, y, validationInputs, validationY);
    }

    /** Loss and accuracy over all examples in batches of {@code batchSize}, without dropout. */
    @Override
    public Scores evaluate(List<Tensor> inputs, Tensor y, int batchSize) {
        requireInputs(inputs);
        if (!isBuilt()) buildFor(inputs.get(0), inputs.get(1));
        compilation.requireCompiled("evaluate");
        checkTargets(y);
        return Fitting.evaluate(fitModel(), inputs, y, Fitting.range(0, y.size(0)), batchSize);
    }

    /** The decoder's outputs for every example, teacher-forced by the decoder input, in batches, without dropout. */
    @Override
    public Tensor predict(List<Tensor> inputs, int batchSize) {
        requireInputs(inputs);
        if (!isBuilt()) buildFor(inputs.get(0), inputs.get(1));
        return Fitting.predict(this::fitCall, inputs, batchSize);
    }

    /**
     * Greedy decoding, as Keras's seq2seq examples do it with their separate inference models: the encoder runs once
     * over {@code source}; the decoder then runs one step at a time from {@code startId}, every recurrent layer
     * carrying its states from step to step (the linked ones starting from their encoder layers'), each step's most
     * likely id fed back in. A row ends at {@code stopId} (not included; -1: no stop id) or after {@code maxSteps}
     * ids. The decoder must start with an {@link Embedding} and have no {@link Bidirectional} layer, which needs the
     * whole sequence.
     *
     * <pre>{@code
     * int[][] ids = model.decodeGreedy(source, startId, stopId, 50);     // one row of target ids per example
     * }</pre>
     */
    public int[][] decodeGreedy(Tensor source, int startId, int stopId, int maxSteps) {
        DecoderSteps steps = DecoderSteps.of(this, startId, maxSteps);
        return BeamSearch.greedy(steps, initialStates(source), source.size(0), startId, stopId, maxSteps);
    }

    /**
     * Beam search, row by row: the {@code beamSize} most likely hypotheses carried step to step (scores the summed
     * log-probabilities, finished ones normalised by length^{@link BeamSearch#LENGTH_ALPHA}), as
     * {@link dev.rnn4j.decode.BeamSearch#beam} does for the library's own translation model. Needs a softmax Dense
     * last layer (its values before the softmax are the log-probabilities); otherwise as {@link #decodeGreedy}.
     */
    public int[][] decodeBeam(Tensor source, int startId, int stopId, int beamSize, int maxSteps) {
        DecoderSteps steps = DecoderSteps.of(this, startId, maxSteps);
        if (!steps.givesLogits()) {
            throw new IllegalArgumentException("beam search scores log-probabilities: the decoder must end in a "
                    + "Dense layer with a softmax, got " + decoder.layers().getLast().typeName());
        }
        int rows = source.size(0);
        int[][] ids = new int[rows][];
        for (int b = 0; b < rows; b++) {
            Tensor row = Fitting.rows(source, new int[] {b}, 0, 1);
            ids[b] = BeamSearch.beam(steps, initialStates(row), startId, stopId, beamSize, maxSteps);
        }
        return ids;
    }

    /** Every decoder layer's states before the first step: the linked encoder layers' final states, else null. */
    List<List<Tensor>> initialStates(Tensor source) {
        return StateLink.initialStates(links, encoder.call(source, null, false).calls(), decoder.layers().size());
    }

    Sequential encoder() { return encoder; }

    Sequential decoder() { return decoder; }

    ParameterBuffer buffer() { return buffer; }

    private FitModel fitModel() {
        return new FitModel(this::fitCall, compilation.loss(), compilation.accuracy(), compilation.optimizer(), buffer,
                shuffleRng);
    }

    private FitModel.Call fitCall(List<Tensor> inputs, boolean training) {
        EncoderDecoderCall c = call(inputs.get(0), inputs.get(1), training);
        return new FitModel.Call(c.last(), c::backward, c::backwardFromPreActivation);
    }

    private void checkTargets(Tensor y) {
        Shape out = decoder.outputShape();
        Objective.checkTargets(compilation.loss(), y, out == null ? Shape.NONE : out.last(), "y");
    }

    private static void requireInputs(List<Tensor> inputs) {
        if (inputs == null || inputs.size() != 2 || inputs.get(0) == null || inputs.get(1) == null) {
            throw new IllegalArgumentException("an encoder-decoder takes two inputs, [encoder input, decoder input], "
                    + "got " + (inputs == null ? "none" : inputs.size()));
        }
    }

    /** From the data: an Embedding knows its input shape; otherwise the shape after the batch, steps unknown. */
    private void buildFor(Tensor encoderInput, Tensor decoderInput) {
        build(Sequential.inputShapeFor(encoder.layers().getFirst(), encoderInput),
                Sequential.inputShapeFor(decoder.layers().getFirst(), decoderInput));
    }

    private void requireNotBuilt(String what) {
        if (isBuilt()) throw new IllegalStateException("cannot " + what + " after the model is built");
    }
}
