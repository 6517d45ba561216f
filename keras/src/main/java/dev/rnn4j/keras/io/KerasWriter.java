package dev.rnn4j.keras.io;

import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.optim.OptimizerState;
import dev.rnn4j.io.Json;
import dev.rnn4j.keras.Bidirectional;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Dropout;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.GlobalAveragePooling1D;
import dev.rnn4j.keras.GlobalMaxPooling1D;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.Loss;
import dev.rnn4j.keras.KerasOptimizers;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Masking;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.SimpleRNN;
import dev.rnn4j.keras.TimeDistributed;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Optimizer;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a built {@link Sequential} or {@link EncoderDecoder} in Keras 3's {@code .keras} layout:
 * {@code config.json} (the model and layer configs Keras's {@code load_model} reads), {@code metadata.json}, and
 * {@code model.weights.h5} (written with jhdf)
 * holding each layer's variables under {@code layers/<snake_case_class>[_N]/vars/<i>}, recurrent ones under
 * {@code .../cell/vars/<i>}, a Bidirectional's under {@code forward_layer/} and {@code backward_layer/}, a
 * TimeDistributed's under {@code layer/}. The model's own (empty) root {@code vars} group is left out: jhdf 0.13
 * writes an unreadable file when the root holds an empty group beside groups with datasets, and Keras reads a
 * missing group as no variables. The file is replaced atomically.
 */
final class KerasWriter {
    private static final String KERAS_VERSION = "3.6.0";

    private KerasWriter() {}

    /** The checks of {@link #write} that need no writing: built, and every layer nameable in Keras 3's config. */
    static void requireSaveable(Sequential model) {
        requireBuilt(model);
        config(model);
    }

    private static void requireBuilt(Sequential model) {
        if (!model.isBuilt()) throw new IllegalArgumentException("build the model (or run it once) before saving it");
    }

    static void write(Sequential model, Path file) {
        requireBuilt(model);
        Map<String, Object> config = config(model);
        writeZip(config, model.layerNames(), model.layers(), model.optimizer(), model.optimizerFactory(), file);
    }

    /** The checks of {@link #write(EncoderDecoder, Path)} that need no writing. */
    static void requireSaveable(EncoderDecoder model) {
        if (!model.isBuilt()) throw new IllegalArgumentException("build the model (or run it once) before saving it");
        EncoderDecoderConfig.of(model);
    }

    /**
     * An encoder-decoder as Keras 3's functional model of two inputs: each layer's call on the previous layer's
     * output, the decoder's state layer also on the encoder's states ({@code initial_state}).
     */
    static void write(EncoderDecoder model, Path file) {
        requireSaveable(model);
        writeZip(EncoderDecoderConfig.of(model), model.layerNamesInOrder(), model.layers(), model.optimizer(),
                model.optimizerFactory(), file);
    }

    private static void writeZip(Map<String, Object> config, List<String> names, List<Layer> layers,
                                 Optimizer optimizer, Function<List<Parameter>, Optimizer> factory, Path file) {
        try {
            byte[] weights = weights(names, layers, optimizer, factory);
            ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
                put(zip, "metadata.json", Json.write(Map.of("keras_version", KERAS_VERSION, "date_saved",
                        "rnn4j")).getBytes(StandardCharsets.UTF_8));
                put(zip, "config.json", Json.write(config).getBytes(StandardCharsets.UTF_8));
                put(zip, "model.weights.h5", weights);
            }
            AtomicFiles.write(file, zipBytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> compileConfig(KerasModel model) {
        return switch (model) {
            case Sequential s -> compileConfig(s.isCompiled(), s.optimizerFactory(), s.loss(), s.hasAccuracyMetric());
            case EncoderDecoder e -> compileConfig(e.isCompiled(), e.optimizerFactory(), e.loss(),
                    e.hasAccuracyMetric());
        };
    }

    /**
     * Keras 3's {@code compile_config} for a model compiled with one of {@link KerasOptimizers}' optimizers (its class
     * and learning rate; Keras's defaults for the rest, as this library's), or null: then Keras loads it uncompiled.
     */
    private static Map<String, Object> compileConfig(boolean compiled, Function<List<Parameter>, Optimizer> factory,
                                                     Loss loss, boolean accuracy) {
        if (!compiled || !(factory instanceof KerasOptimizers.Named named)) return null;
        Map<String, Object> optimizerConfig = new LinkedHashMap<>();
        optimizerConfig.put("name", named.kerasClass().toLowerCase(java.util.Locale.ROOT));
        optimizerConfig.put("learning_rate", named.learningRate());
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("module", "keras.optimizers");
        optimizer.put("class_name", named.kerasClass());
        optimizer.put("config", optimizerConfig);
        optimizer.put("registered_name", null);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", optimizer);
        c.put("loss", loss.kerasName());
        c.put("loss_weights", null);
        c.put("metrics", accuracy ? List.of("accuracy") : List.of());
        c.put("weighted_metrics", null);
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        return c;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FileTime.fromMillis(0));
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * The HDF5 bytes of these layers (in Keras's order, which numbers the groups of a class) and the optimizer's
     * state; jhdf writes to a path, so through a temporary file.
     */
    private static byte[] weights(List<String> names, List<Layer> all, Optimizer optimizer,
                                  Function<List<Parameter>, Optimizer> factory) throws IOException {
        Path tmp = Files.createTempFile("rnn4j-", ".weights.h5");
        try {
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                WritableGroup layers = h5.putGroup("layers");
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i < all.size(); i++) {
                    Layer layer = all.get(i);
                    String base = KerasModels.snakeCase(layer.typeName());
                    int n = counts.merge(base, 1, Integer::sum);
                    WritableGroup g = layers.putGroup(n == 1 ? base : base + "_" + (n - 1));
                    List<Hdf5Weights.Array> arrays = WeightMapping.export(layer);
                    String name = names.get(i);
                    switch (layer) {
                        case Recurrent r -> {
                            vars(g, name, List.of());
                            vars(g.putGroup("cell"), snake(r) + "_cell", arrays);
                        }
                        case Bidirectional b -> {
                            int half = arrays.size() / 2;
                            vars(g, name, List.of());
                            for (String side : new String[] {"backward_layer", "forward_layer"}) {
                                WritableGroup s = g.putGroup(side);
                                vars(s, side.replace("_layer", "") + "_" + snake(b.layer()), List.of());
                                vars(s.putGroup("cell"), snake(b.layer()) + "_cell",
                                        side.startsWith("forward") ? arrays.subList(0, half) : arrays.subList(half,
                                                2 * half));
                            }
                        }
                        case TimeDistributed t -> {
                            vars(g, name, List.of());
                            vars(g.putGroup("layer"), "dense", arrays);
                        }
                        default -> vars(g, name, arrays);
                    }
                }
                optimizer(h5, all, optimizer, factory);
            }
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The optimizer's state as Keras 3 keeps it, {@code optimizer/vars} named by the optimizer: the step counter
     * (int64), the learning rate, then the slots ({@link OptimizerSlots#export}); when the model's optimizer has run
     * and is one Keras can name (so the file's compile settings name it too).
     */
    private static void optimizer(WritableHdfFile h5, List<Layer> layers, Optimizer optimizer,
                                  Function<List<Parameter>, Optimizer> factory) {
        if (optimizer == null || !(factory instanceof KerasOptimizers.Named named)) return;
        OptimizerState state = optimizer.exportState();
        WritableGroup vars = h5.putGroup("optimizer").putGroup("vars");
        vars.putAttribute("name", named.kerasClass().toLowerCase(java.util.Locale.ROOT));
        vars.putDataset("0", Long.valueOf(state.step()));
        vars.putDataset("1", Float.valueOf((float) state.lr()));
        List<Hdf5Weights.Array> slots = OptimizerSlots.export(layers, state);
        for (int i = 0; i < slots.size(); i++) vars.putDataset(Integer.toString(i + 2), javaArray(slots.get(i)));
    }

    private static void vars(WritableGroup parent, String name, List<Hdf5Weights.Array> arrays) {
        WritableGroup vars = parent.putGroup("vars");
        vars.putAttribute("name", name);
        for (int i = 0; i < arrays.size(); i++) vars.putDataset(Integer.toString(i), javaArray(arrays.get(i)));
    }

    /** jhdf takes Java arrays: float[] for rank 1, float[][] for rank 2. */
    private static Object javaArray(Hdf5Weights.Array a) {
        int[] s = a.shape();
        if (s.length == 1) return a.values();
        float[][] m = new float[s[0]][s[1]];
        for (int r = 0; r < s[0]; r++) System.arraycopy(a.values(), r * s[1], m[r], 0, s[1]);
        return m;
    }

    private static String snake(Recurrent r) { return KerasModels.snakeCase(r.typeName()); }

    private static Map<String, Object> config(Sequential model) {
        List<Object> layers = new ArrayList<>();
        // Keras builds a stateful layer only for a fixed batch size: the one its states were carried for
        int batch = model.statefulBatchSize();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_shape", dims(withBatch(model.inputShape(), batch)));
        input.put("dtype", model.layers().getFirst() instanceof Embedding ? "int32" : "float32");
        input.put("sparse", false);
        input.put("name", "input_layer");
        layers.add(entry("InputLayer", input, null));
        Shape in = model.inputShape();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            Map<String, Object> c = layerConfig(layer, model.layerNames().get(i));
            layers.add(entry(layer.typeName(), c, withBatch(in, batch)));
            in = layer.outputShape();
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", model.name());
        inner.put("trainable", true);
        inner.put("dtype", "float32");
        inner.put("layers", layers);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", "keras");
        root.put("class_name", "Sequential");
        root.put("config", inner);
        root.put("registered_name", null);
        root.put("build_config", Map.of("input_shape", dims(withBatch(model.inputShape(), batch))));
        root.put("compile_config", compileConfig(model));
        return root;
    }

    static Map<String, Object> layerConfig(Layer layer, String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", true);
        c.put("dtype", "float32");
        switch (layer) {
            case Embedding e -> {
                c.put("input_dim", e.inputDim());
                c.put("output_dim", e.outputDim());
                c.put("mask_zero", e.isMaskZero());
            }
            case Masking m -> c.put("mask_value", Double.parseDouble(Float.toString(m.maskValue())));
            case Dropout d -> c.put("rate", Double.parseDouble(Float.toString(d.rate())));
            case Dense d -> dense(c, d);
            case TimeDistributed t -> c.put("layer", entry("Dense", dense(withName(KerasModels.snakeCase("Dense")),
                    t.layer()), null));
            case Recurrent r -> recurrent(c, r);
            case Bidirectional b -> {
                c.put("merge_mode", b.mergeMode().kerasName());
                Map<String, Object> forward = recurrent(withName("forward_" + snake(b.layer())), b.layer());
                Map<String, Object> backward = recurrent(withName("backward_" + snake(b.layer())), b.layer());
                backward.put("go_backwards", true);
                c.put("layer", entry(b.layer().typeName(), forward, null));
                c.put("backward_layer", entry(b.layer().typeName(), backward, null));
            }
            case GlobalMaxPooling1D p -> pooling(c);
            case GlobalAveragePooling1D p -> pooling(c);
            default -> throw new IllegalArgumentException("cannot save a " + layer.typeName()
                    + " layer in Keras's format; supported: "
                    + String.join(", ", LayerBuilder.SUPPORTED));
        }
        return c;
    }

    private static Map<String, Object> withName(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", true);
        c.put("dtype", "float32");
        return c;
    }

    private static Map<String, Object> dense(Map<String, Object> c, Dense d) {
        c.put("units", d.units());
        c.put("activation", d.activation().kerasName());
        c.put("use_bias", d.isUseBias());
        return c;
    }

    private static Map<String, Object> recurrent(Map<String, Object> c, Recurrent r) {
        c.put("return_sequences", r.isReturnSequences());
        c.put("return_state", false);
        c.put("go_backwards", r.isGoBackwards());
        c.put("stateful", r.isStateful());
        c.put("unroll", false);
        c.put("zero_output_for_mask", r.isZeroOutputForMask());
        c.put("units", r.units());
        c.put("activation", r.activation().kerasName());
        if (!(r instanceof SimpleRNN)) c.put("recurrent_activation", recurrentActivation(r));
        c.put("use_bias", r.isUseBias());
        c.put("dropout", r.dropout());
        c.put("recurrent_dropout", r.recurrentDropout());
        if (!(r instanceof SimpleRNN) && r.implementation() == 1) c.put("implementation", 1);
        if (r instanceof GRU g) c.put("reset_after", g.isResetAfter());
        return c;
    }

    /** Keras 3's 'hard_sigmoid' is clip(x/6 + 0.5): Keras 2's clip(0.2x + 0.5) has no name there. */
    private static String recurrentActivation(Recurrent r) {
        return switch (r.recurrentActivation()) {
            case SIGMOID -> "sigmoid";
            case HARD_SIGMOID_KERAS3 -> "hard_sigmoid";
            case HARD_SIGMOID_KERAS2 -> throw new IllegalArgumentException(r.typeName()
                    + " uses Keras 2's hard sigmoid "
                    + "clip(0.2x + 0.5), which Keras 3's format cannot name (its hard_sigmoid is clip(x/6 + 0.5))");
        };
    }

    private static void pooling(Map<String, Object> c) {
        c.put("data_format", "channels_last");
        c.put("keepdims", false);
    }

    static Map<String, Object> entry(String className, Map<String, Object> config, Shape inputShape) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("module", "keras.layers");
        e.put("class_name", className);
        e.put("config", config);
        e.put("registered_name", null);
        if (inputShape != null) e.put("build_config", Map.of("input_shape", dims(inputShape)));
        return e;
    }

    /** {@code s} with its batch dimension set to {@code batch} (when positive). */
    private static Shape withBatch(Shape s, int batch) {
        if (batch <= 0) return s;
        int[] d = s.dims();
        d[0] = batch;
        return Shape.of(d);
    }

    static List<Object> dims(Shape s) {
        List<Object> d = new ArrayList<>();
        for (int v : s.dims()) d.add(v == Shape.NONE ? null : v);
        return d;
    }
}
