package dev.rnn4j.lm;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The character model with an embedding size other than the hidden size, LSTM proj_size and a ReLU RNN:
 * one training step's loss and every parameter's gradient equal PyTorch's ({@code src/test/resources/golden/gen.py}).
 */
class CharLmShapesGoldenTest {
    /** One step of float32 arithmetic against a float64 reference, on values of order 1. */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"charlm_step_lstm_proj", "charlm_step_gru_wide_embedding", "charlm_step_rnn_relu"})
    void lossAndGradientsMatchPyTorch(String name) {
        SafeTensorsFile f = SafeTensors.read(Path.of("src/test/resources/golden", name + ".safetensors"));
        Map<String, Object> c = Json.parseObject(f.metadata().get("case"));
        int batch = (int) Json.getLong(c, "batch"), steps = (int) Json.getLong(c, "seq");
        CharLmConfig config = new CharLmConfig(RecurrentKind.valueOf(Json.getString(c,
                "cell").toUpperCase(Locale.ROOT)),
                (int) Json.getLong(c, "vocab"), (int) Json.getLong(c, "embedding_size"), (int) Json.getLong(c,
                        "hidden_size"),
                (int) Json.getLong(c, "num_layers"), c.containsKey("proj_size") ? (int) Json.getLong(c, "proj_size")
                        : 0,
                "relu".equals(c.get("nonlinearity")) ? Nonlinearity.RELU : Nonlinearity.TANH, 0f, 1);
        CharLanguageModel model = new CharLanguageModel(config);
        Map<String, Parameter> params = model.stateDict();
        assertEquals(f.names().stream().filter(n -> n.startsWith("param.")).count(), params.size(), "parameter count");
        params.forEach((k, p) -> p.set(f.tensor("param." + k)));

        double loss = model.trainingStep(ints(f.longs("x")), ints(f.longs("y")), batch, steps, model.zeroState(batch));
        double max = Math.abs(loss - f.tensor("loss").data()[0]);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor want = f.tensor("grad." + e.getKey()), got = e.getValue().gradient();
            assertArrayEquals(want.shape(), got.shape(), e.getKey());
            for (int i = 0; i < want.numel(); i++) max = Math.max(max, Math.abs(want.data()[i] - got.data()[i]));
        }
        assertTrue(max <= TOLERANCE, name + ": max abs error " + max);
        System.out.printf(Locale.ROOT, "%-32s max abs error %.2e%n", name, max);
    }

    /** A model file written before embedding_size, proj_size and nonlinearity were kept loads as E = H, none, tanh. */
    @Test
    void checkpointsWithoutTheNewSettingsLoadAsBefore(@TempDir Path dir) {
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.GRU, 5, 6, 1, 0f, 3));
        Path file = dir.resolve(CharLmCheckpoint.MODEL_FILE);
        CharLmCheckpoint.writeModel(file, model, Vocabulary.of("abcde"), "test");
        SafeTensorsFile written = SafeTensors.read(file);
        Map<String, Object> config = Json.parseObject(written.metadata().get("config"));
        for (String key : new String[] {"embedding_size", "proj_size",
                "nonlinearity"}) assertTrue(config.remove(key) != null, key);
        Map<String, String> meta = new LinkedHashMap<>(written.metadata());
        meta.put("config", Json.write(config));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String n : written.names()) tensors.put(n, written.tensor(n));
        SafeTensors.write(file, tensors, meta);

        CharLmConfig loaded = CharLmCheckpoint.loadModel(dir).model().config();
        assertEquals(model.config(), loaded);
        assertEquals(6, loaded.embeddingSize());
    }

    @Test
    void newShapesSurviveACheckpoint(@TempDir Path dir) {
        CharLmConfig config = new CharLmConfig(RecurrentKind.LSTM, 5, 7, 2, 0.1f,
                3).withEmbeddingSize(3).withProjSize(4);
        CharLanguageModel model = new CharLanguageModel(config);
        CharLmCheckpoint.writeModel(dir.resolve(CharLmCheckpoint.MODEL_FILE), model, Vocabulary.of("abcde"), "test");
        CharLanguageModel back = CharLmCheckpoint.loadModel(dir).model();
        assertEquals(config, back.config());
        model.stateDict().forEach((k, p) -> assertArrayEquals(p.value().data(),
                back.stateDict().get(k).value().data(), k));
        assertArrayEquals(new int[] {2, 1, 4}, back.zeroState(1).h().shape());
        assertArrayEquals(new int[] {2, 1, 7}, back.zeroState(1).c().shape());
    }

    private static int[] ints(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }
}
