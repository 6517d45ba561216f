package dev.rnn4j.examples.common;

import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Bidirectional;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Dropout;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.GlobalMaxPooling1D;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.LayerCall;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.SimpleRNN;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tool.UserError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review classifier: an encoder (text to ids) and a Keras-style model ending in {@code Dense(1, sigmoid)},
 * saved as {@code model.safetensors} (weights named {@code layer.parameter}) and {@code model.json}
 * (architecture and vocabulary). {@code bigru}: syllable+bigram embedding, bidirectional GRU over every
 * step, max over steps, dropout, Dense. {@code keras-imdb} (formerly {@code seed003}): the IMDB-style Keras
 * model, Embedding(10000, 32), SimpleRNN(32), Dense(1, sigmoid), over Keras-style word tokens.
 *
 * <pre>{@code
 * SentimentModel m = SentimentModel.load(Path.of("runs/example-sentiment"));
 * float[] p = m.positiveProbabilities(List.of("최고의 영화", "시간 아깝다"));
 * }</pre>
 */
public final class SentimentModel {
    /** Architecture choices: which model, and its sizes (the seed's model ignores embed and hidden). */
    public record Config(String model, int embed, int hidden, double dropout, double recurrentDropout, long seed) {
        public Config {
            if (model.equals(KERAS_IMDB_OLD_NAME)) model = KERAS_IMDB;
            if (!model.equals(BIGRU) && !model.equals(KERAS_IMDB)) {
                throw new IllegalArgumentException("--model must be bigru or keras-imdb, got '" + model + "'");
            }
        }

        /** Whether this is the IMDB-style Keras model. */
        public boolean kerasImdb() { return model.equals(KERAS_IMDB); }
    }

    /** The model names; models saved under the old name {@code seed003} load as {@code keras-imdb}. */
    public static final String BIGRU = "bigru", KERAS_IMDB = "keras-imdb", KERAS_IMDB_OLD_NAME = "seed003";

    public final Config config;
    public final ReviewEncoder encoder;
    public final Sequential network;

    public SentimentModel(Config config, ReviewEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
        this.network = config.kerasImdb()
                ? Sequential.of(new Embedding(10_000, 32).maskZero(true),
                        new SimpleRNN(32).recurrentDropout(config.recurrentDropout()), new Dense(1, Activation.SIGMOID))
                : Sequential.of(new NgramEmbedding(encoder.vocabularySize(), config.embed()),
                        new Bidirectional(new GRU(config.hidden()).recurrentDropout(config.recurrentDropout())
                                .returnSequences(true)), new GlobalMaxPooling1D(),
                        new Dropout(config.dropout()), new Dense(1, Activation.SIGMOID));
        network.seed(config.seed());
        network.build(encoder.idsPerStep() == 1 ? Shape.of(Shape.NONE, Shape.NONE)
                : Shape.of(Shape.NONE, Shape.NONE, encoder.idsPerStep()));
    }

    /** A batch of encoded reviews, right-padded with 0 to the longest: (B, T) or (B, T, K) ids. */
    Tensor batch(List<int[]> encoded) {
        int K = encoder.idsPerStep(), T = 1;
        for (int[] e : encoded) T = Math.max(T, e.length / K);
        float[] v = new float[encoded.size() * T * K];
        for (int b = 0; b < encoded.size(); b++) {
            int[] e = encoded.get(b);
            for (int i = 0; i < e.length; i++) v[b * T * K + i] = e[i];
        }
        return K == 1 ? new Tensor(v, encoded.size(), T) : new Tensor(v, encoded.size(), T, K);
    }

    /** The logits z (before the final sigmoid) of a batch, and the call to run backward from dL/dz. */
    public record Forward(float[] logits, List<LayerCall> calls) {
        /** Backward from dL/dz through every layer; parameter gradients accumulate. */
        public void backward(float[] dLogits) {
            Dense.Call dense = (Dense.Call) calls.getLast();
            Tensor g = dense.backwardFromPreActivation(new Tensor(dLogits, dLogits.length, 1));
            for (int i = calls.size() - 2; i >= 0 && g != null; i--) g = calls.get(i).backward(g);
        }
    }

    public Forward forward(List<int[]> encoded, boolean training) {
        List<LayerCall> calls = network.call(batch(encoded), null, training).calls();
        Dense.Call dense = (Dense.Call) calls.getLast();
        return new Forward(dense.preActivation().data(), calls);
    }

    /** P(positive) of each text, in batches of 256, without dropout. */
    float[] positiveProbabilities(List<String> texts) {
        float[] p = new float[texts.size()];
        for (int from = 0; from < texts.size(); from += 256) {
            List<int[]> enc = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + 256))) enc.add(encoder.encode(t));
            float[] z = forward(enc, false).logits();
            for (int i = 0; i < z.length; i++) p[from + i] = (float) (1 / (1 + Math.exp(-z[i])));
        }
        return p;
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : network.parameters()) n += p.size();
        return n;
    }

    /** Writes model.safetensors and model.json into {@code dir}. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create " + dir + ": " + e.getMessage());
        }
        SafeTensors.Writer w = SafeTensors.writer().metadata("format", "rnn4j-sentiment");
        forEachParameter((name, p) -> w.addF32(name, p.value()));
        w.writeTo(dir.resolve("model.safetensors"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", config.model());
        json.put("embed", config.embed());
        json.put("hidden", config.hidden());
        json.put("dropout", config.dropout());
        json.put("recurrent_dropout", config.recurrentDropout());
        json.put("seed", config.seed());
        json.put("encoder", encoder.kind());
        json.put("max_steps", encoder.maxSteps());
        json.put("tokens", encoder.tokens());
        AtomicFiles.write(dir.resolve("model.json"), Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /** Rebuilds a model saved by {@link #save}. */
    static SentimentModel load(Path dir) {
        Path json = dir.resolve("model.json"), weights = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(weights)) {
            throw new UserError("no sentiment classifier in " + dir + " (model.json and model.safetensors expected): "
                    + "train one with ./rnn4j example sentiment --out " + dir);
        }
        Map<String, Object> m;
        try {
            m = Json.parseObject(Files.readString(json));
        } catch (IOException e) {
            throw new UserError("cannot read " + json + ": " + e.getMessage());
        }
        List<String> tokens = new ArrayList<>();
        for (Object o : (List<?>) m.get("tokens")) tokens.add((String) o);
        ReviewEncoder encoder =
                ReviewEncoder.of(Json.getString(m, "encoder"), tokens, (int) Json.getLong(m, "max_steps"));
        SentimentModel model = new SentimentModel(new Config(Json.getString(m, "model"), (int) Json.getLong(m, "embed"),
                (int) Json.getLong(m, "hidden"), Json.getDouble(m, "dropout"),
                m.containsKey("recurrent_dropout") ? Json.getDouble(m, "recurrent_dropout") : 0,   // older models: none
                Json.getLong(m, "seed")), encoder);
        SafeTensorsFile file = SafeTensors.read(weights);
        model.forEachParameter((name, p) -> {
            if (!file.has(name)) throw new UserError(weights + " has no tensor " + name);
            p.set(file.tensor(name));
        });
        return model;
    }

    private void forEachParameter(java.util.function.BiConsumer<String, Parameter> action) {
        List<Layer> layers = network.layers();
        List<String> names = network.layerNames();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) action.accept(names.get(i) + "." + p.name(), p);
        }
    }
}
