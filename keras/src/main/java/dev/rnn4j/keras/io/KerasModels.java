package dev.rnn4j.keras.io;

import dev.rnn4j.io.Json;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.StateLink;
import dev.rnn4j.nn.GateFunction;
import io.jhdf.HdfFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keras models in and out: {@link #load} reads a Keras 3 {@code .keras} file or a legacy Keras 2 {@code .h5}
 * file into a {@link Sequential} that predicts, evaluates and trains on; {@link #save} writes a Sequential as a
 * Keras 3 {@code .keras} file.
 *
 * <pre>{@code
 * Sequential model = KerasModels.load(Path.of("imdb-lstm.keras"));
 * model.printSummary();
 * Tensor p = model.predict(Npy.read(Path.of("x.npy")).toTensor());
 * KerasModels.save(model, Path.of("copy.keras"));
 * }</pre>
 *
 * <p>Supported: Sequential models of {@link LayerBuilder#SUPPORTED the layers listed there}, and functional
 * models of those layers whose graph is one chain (see {@link FunctionalChain}), loaded as the same Sequential.
 * The model comes back compiled when the file's compile config names a loss, metrics and optimizer this library
 * has (see {@link CompileConfigs}); otherwise call {@code compile} before {@code fit} or {@code evaluate}. A
 * corrupt, truncated or unsupported file gets a {@link KerasFileException} naming the file and the problem.
 */
public final class KerasModels {
    /** config.json is a few kilobytes; anything near this is not a Keras config. */
    private static final long MAX_CONFIG_BYTES = 64L << 20;
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    /** Class names of a functional model's config: Keras 3 and TF2 write Functional, Keras 2.0-2.3 Model. */
    private static final List<String> FUNCTIONAL = List.of("Functional", "Model");
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasModels() {}

    /**
     * Reads {@code file} as a {@link Sequential}: a zip ({@code .keras}) or an HDF5 file ({@code .h5}), told apart by
     * their first bytes. An encoder-decoder file is refused here; {@link #loadModel} reads either kind.
     */
    public static Sequential load(Path file) {
        KerasModel model = loadModel(file);
        if (model instanceof Sequential s) return s;
        throw new KerasFileException(file + ": an encoder-decoder (two inputs, joined by the encoder's states), "
                + "which KerasModels.loadModel, ./rnn4j keras and export onnx read; this takes Sequential models");
    }

    /**
     * Reads {@code file}: a {@link Sequential} for Sequential models and one-chain functional models, an
     * {@link EncoderDecoder} for a functional model of an encoder chain whose final states start a decoder layer.
     */
    public static KerasModel loadModel(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KerasFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String source = file.toString();
        try {
            if (startsWith(bytes, ZIP_SIGNATURE)) return loadKeras3(file, source);
            if (startsWith(bytes, HDF5_SIGNATURE)) return loadLegacy(bytes, source);
        } catch (KerasFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(source + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // A damaged file can fail anywhere inside the zip or HDF5 reader; the caller gets one clear line.
            throw new KerasFileException(source + ": corrupt or truncated Keras file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        throw new KerasFileException(source + ": not a Keras model file: expected a Keras 3 .keras file (a zip) "
                + "or a legacy .h5 file (HDF5); pass a file that Keras's model.save wrote");
    }

    /** Writes {@code model} (built) as a Keras 3 {@code .keras} file: config.json, metadata.json, model.weights.h5. */
    public static void save(Sequential model, Path file) {
        KerasWriter.write(model, file);
    }

    /** Writes an encoder-decoder (built) as Keras 3's functional model of two inputs in a {@code .keras} file. */
    public static void save(EncoderDecoder model, Path file) {
        KerasWriter.write(model, file);
    }

    /** Writes either kind of model as {@code .keras}. */
    public static void save(KerasModel model, Path file) {
        switch (model) {
            case Sequential s -> KerasWriter.write(s, file);
            case EncoderDecoder e -> KerasWriter.write(e, file);
        }
    }

    /**
     * Throws the {@link IllegalArgumentException} {@link #save} would for this model (unbuilt, or something Keras 3's
     * format cannot name), without writing: to refuse before work whose result could not be saved.
     */
    public static void requireSaveable(KerasModel model) {
        switch (model) {
            case Sequential s -> KerasWriter.requireSaveable(s);
            case EncoderDecoder e -> KerasWriter.requireSaveable(e);
        }
    }

    private static KerasModel loadKeras3(Path file, String source) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            byte[] configBytes = entry(zip, "config.json", MAX_CONFIG_BYTES, source);
            Map<String, Object> config = Json.parseObject(new String(configBytes, StandardCharsets.UTF_8));
            byte[] weights = entry(zip, "model.weights.h5", Integer.MAX_VALUE - 8, source);
            HdfFile hdf = HdfFile.fromBytes(weights);
            Hdf5Weights h5 = new Hdf5Weights(hdf, source + "!model.weights.h5");
            Graph graph = graph(config, source);
            if (graph.encoder() != null) {
                EncoderDecoder model = EncoderDecoders.build(config, graph, source, GateFunction.HARD_SIGMOID_KERAS3);
                EncoderDecoders.assignKeras3(model, graph, h5);
                CompileConfigs.apply(model::compile, config.get("compile_config"));
                if (model.isCompiled()) {
                    OptimizerSlots.load(model.layers(), EncoderDecoders.configsInOrder(model, graph),
                            model::startOptimizer, h5);
                }
                return model;
            }
            List<LayerConfig> layers = graph.decoder();
            Sequential model = build(config, layers, source, GateFunction.HARD_SIGMOID_KERAS3);
            Map<String, Integer> counts = new HashMap<>();
            List<Layer> built = model.layers();
            int i = 0;
            for (LayerConfig c : layers) {
                if (c.className().equals("InputLayer")) continue;
                String base = snakeCase(c.className());
                int n = counts.merge(base, 1, Integer::sum);
                String path = "layers/" + (n == 1 ? base : base + "_" + (n - 1));
                WeightMapping.assign(built.get(i++), keras3Arrays(h5, path, c), c);
            }
            CompileConfigs.apply(model::compile, config.get("compile_config"));
            OptimizerSlots.load(model, h5, layers.stream().filter(c -> !c.className().equals("InputLayer")).toList());
            return model;
        }
    }

    /** A layer's variables in the Keras 3 layout: recurrent ones under cell/, wrappers' under their sub-layers. */
    static List<Hdf5Weights.Array> keras3Arrays(Hdf5Weights h5, String path, LayerConfig c) {
        return switch (c.className()) {
            case "SimpleRNN", "LSTM", "GRU" -> h5.vars(path + "/cell/vars");
            case "TimeDistributed" -> h5.vars(path + "/layer/vars");
            case "Bidirectional" -> {
                List<Hdf5Weights.Array> both = new ArrayList<>(h5.vars(path + "/forward_layer/cell/vars"));
                both.addAll(h5.vars(path + "/backward_layer/cell/vars"));
                yield both;
            }
            default -> h5.vars(path + "/vars");
        };
    }

    private static KerasModel loadLegacy(byte[] bytes, String source) {
        Hdf5Weights h5 = new Hdf5Weights(HdfFile.fromBytes(bytes), source);
        String configText = h5.stringAttribute("", "model_config");
        if (configText == null) {
            throw new KerasFileException(source + ": an HDF5 file without the model_config attribute (weights only?); "
                    + "save the whole model with model.save(...) in Keras");
        }
        Map<String, Object> config = Json.parseObject(configText);
        Graph graph = graph(config, source);
        // 'hard_sigmoid' means what the Keras that saved the file computed: Keras 3's unless it says 2.x.
        String version = h5.stringAttribute("", "keras_version");
        GateFunction hardSigmoid = version != null && version.startsWith("3") ? GateFunction.HARD_SIGMOID_KERAS3
                : GateFunction.HARD_SIGMOID_KERAS2;
        String training = h5.stringAttribute("", "training_config");
        if (graph.encoder() != null) {
            EncoderDecoder model = EncoderDecoders.build(config, graph, source, hardSigmoid);
            EncoderDecoders.assignLegacy(model, graph, h5);
            if (training != null) CompileConfigs.applyLegacy(model::compile, Json.parseObject(training));
            return model;
        }
        List<LayerConfig> layers = graph.decoder();
        Sequential model = build(config, layers, source, hardSigmoid);
        List<String> stored = h5.layerNames();
        List<Layer> built = model.layers();
        int i = 0;
        for (LayerConfig c : layers) {
            if (c.className().equals("InputLayer")) continue;
            Layer layer = built.get(i++);
            if (!stored.contains(c.name()) && !layer.parameters().isEmpty()) {
                throw c.error("has no weights in model_weights (layer_names lists " + stored + ")");
            }
            WeightMapping.assign(layer, h5.legacyLayer(c.name()), c);
        }
        if (training != null) CompileConfigs.applyLegacy(model::compile, Json.parseObject(training));
        return model;
    }

    /** The model's layers as one chain ({@code encoder} null) or as an encoder and a decoder, each input first. */
    record Graph(List<LayerConfig> encoder, List<LayerConfig> decoder, List<StateLink> links) {}

    @SuppressWarnings("unchecked")
    private static Graph graph(Map<String, Object> config, String source) {
        Object cls = config.get("class_name");
        Object inner = config.get("config");
        if (FUNCTIONAL.contains(cls) && inner instanceof Map<?, ?> m) {
            FunctionalChain.Graph g = FunctionalChain.graph((Map<String, Object>) m, source);
            return new Graph(g.encoder() == null ? null : layerConfigs(g.encoder(), source),
                    layerConfigs(g.decoder(), source), g.links());
        }
        if (!"Sequential".equals(cls)) {
            throw new KerasFileException(source + ": the model is a " + cls + "; supported: Sequential models and "
                    + "functional models (Functional, Model) whose layers form one chain, or an encoder and a decoder "
                    + "joined by states");
        }
        // Keras 2.0-2.2 wrote the layer list directly as the config.
        return new Graph(null, layerConfigs(inner instanceof Map<?, ?> m ? m.get("layers") : inner, source), List.of());
    }

    private static List<LayerConfig> layerConfigs(Object list, String source) {
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            throw new KerasFileException(source + ": the model config has no layers");
        }
        List<LayerConfig> layers = new ArrayList<>();
        for (Object e : entries) layers.add(LayerConfig.of(e, source));
        return layers;
    }

    private static Sequential build(Map<String, Object> config, List<LayerConfig> layers, String source,
                                    GateFunction hardSigmoid) {
        Sequential model = new Sequential();
        if (config.get("config") instanceof Map<?, ?> m && m.get("name") instanceof String name
                && !name.isBlank()) model.name(name);
        Shape input = null;
        for (int i = 0; i < layers.size(); i++) {
            LayerConfig c = layers.get(i);
            if (c.className().equals("InputLayer")) {
                c.require(i == 0, "must come first");
                // Keras 3 lists a functional model's input as the first row of its summary.
                if (FUNCTIONAL.contains(config.get("class_name"))) model.inputLayerName(c.name());
                input = shape(c, c.shape("batch_shape") != null ? "batch_shape" : "batch_input_shape");
                continue;
            }
            if (input == null && model.layers().isEmpty() && c.config().get("batch_input_shape") != null) {
                input = shape(c, "batch_input_shape");
            }
            try {
                if (model.layerNames().contains(c.name())) model.add(LayerBuilder.toLayer(c, hardSigmoid));
                else model.add(LayerBuilder.toLayer(c, hardSigmoid), c.name());
            } catch (KerasFileException e) {
                throw e;
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw c.error(e.getMessage());
            }
        }
        if (model.layers().isEmpty()) throw new KerasFileException(source
                + ": the model has no layers besides its input");
        if (input == null) input = buildConfigShape(config, layers);
        if (input == null && model.layers().getFirst() instanceof Embedding) input = Shape.of(Shape.NONE, Shape.NONE);
        if (input == null) throw new KerasFileException(source
                + ": the model config does not say its input shape (no InputLayer "
                + "or build_config)");
        model.build(input);
        return model;
    }

    @SuppressWarnings("unchecked")
    private static Shape buildConfigShape(Map<String, Object> config, List<LayerConfig> layers) {
        Object build = config.get("build_config");
        if (!(build instanceof Map<?, ?>)) build = null;
        if (build == null) return null;
        Object dims = ((Map<String, Object>) build).get("input_shape");
        LayerConfig holder = new LayerConfig("Sequential", "build_config", Map.of("input_shape", dims == null
                ? List.of() : dims),
                layers.getFirst().source());
        return dims == null ? null : shape(holder, "input_shape");
    }

    static Shape shape(LayerConfig c, String key) {
        int[] dims = c.shape(key);
        if (dims == null) throw c.error("has no " + key);
        try {
            return Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw c.error("has a bad " + key + ": " + e.getMessage());
        }
    }

    private static byte[] entry(ZipFile zip, String name, long limit, String source) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new KerasFileException(source + ": a .keras file must contain " + name
                + "; this zip does not");
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8) + 1);
            if (b.length > limit) throw new KerasFileException(source + ": " + name + " is larger than " + limit
                    + " bytes");
            return b;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
        return true;
    }

    /** Keras's {@code to_snake_case}: SimpleRNN → simple_rnn, GlobalMaxPooling1D → global_max_pooling1d. */
    static String snakeCase(String name) {
        String s = name.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
