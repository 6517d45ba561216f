package dev.rnn4j.torch;

import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.RecurrentState;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch character models (embedding size unlike the hidden size, LSTM proj_size, a ReLU RNN, a GRU saved as
 * safetensors) with a vocabulary not in code point order: imported, they predict what PyTorch predicted, also
 * after a round trip through an rnn4j checkpoint.
 */
class TorchCharLmTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"charlm_lstm_proj.pt", "charlm_gru.safetensors", "charlm_rnn_relu.pt"})
    void importedModelsPredictAsPyTorch(String file) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        String chars = Files.readString(TorchFiles.file("charlm_chars.txt"), StandardCharsets.UTF_8);
        SafeTensorsFile e = TorchFiles.expected(name);
        Map<String, Object> c = TorchFiles.caseOf(e);
        Nonlinearity nl = "relu".equals(c.get("nonlinearity")) ? Nonlinearity.RELU : Nonlinearity.TANH;
        TorchCharLm.Imported m = TorchCharLm.load(TorchStateDict.readFloat32(TorchFiles.file(file)), chars, nl);

        CharLmConfig config = m.model().config();
        assertEquals(((Number) c.get("embedding_size")).intValue(), config.embeddingSize());
        assertEquals(((Number) c.get("hidden_size")).intValue(), config.hiddenSize());
        assertEquals(((Number) c.getOrDefault("proj_size", 0L)).intValue(), config.projSize());
        assertEquals(nl, config.nonlinearity());
        double max = compare(name, m.model(), m.vocabulary(), chars, e);

        Path modelFile = tmp.resolve(CharLmCheckpoint.MODEL_FILE);
        CharLmCheckpoint.writeModel(modelFile, m.model(), m.vocabulary(), file);
        CharLmCheckpoint.Loaded back = CharLmCheckpoint.loadModel(tmp);
        assertEquals(config, back.model().config());
        max = Math.max(max, compare(name + " (reloaded)", back.model(), back.vocabulary(), chars, e));
        System.out.printf(Locale.ROOT, "%-24s max abs error %.2e%n", name, max);
    }

    /** Logits of PyTorch's token ids, mapped to rnn4j's ids (code point order) and back. */
    static double compare(String what, CharLanguageModel model, Vocabulary vocab, String chars,
            SafeTensorsFile e) {
        int[] cps = chars.codePoints().toArray();
        long[] tokens = e.longs("tokens");
        int[] shape = e.shape("tokens");
        int batch = shape[0], steps = shape[1], v = cps.length;
        int[] ids = new int[tokens.length];
        for (int i = 0; i < ids.length; i++) ids[i] = vocab.id(cps[(int) tokens[i]]);
        RecurrentState state = model.zeroState(batch);
        model.train(false);
        float[] logits = model.logits(ids, batch, steps, state);
        float[] inTorchOrder = new float[logits.length];
        for (int n = 0; n < batch * steps; n++) {
            for (int k = 0; k < v; k++) inTorchOrder[n * v + k] = logits[n * v + vocab.id(cps[k])];
        }
        double max = TorchFiles.assertClose(what + " logits", e.tensor("logits"), new Tensor(inTorchOrder, batch,
                steps, v));
        max = Math.max(max, TorchFiles.assertClose(what + " h_n", e.tensor("h_n"), state.h()));
        if (e.has("c_n")) max = Math.max(max, TorchFiles.assertClose(what + " c_n", e.tensor("c_n"), state.c()));
        return max;
    }

    @Test
    void aVocabularyOfTheWrongLengthOrWithRepeatsIsRefused() throws Exception {
        Map<String, Tensor> sd = TorchStateDict.readFloat32(TorchFiles.file("charlm_lstm_proj.pt"));
        String chars = Files.readString(TorchFiles.file("charlm_chars.txt"), StandardCharsets.UTF_8);
        String m = assertThrows(IllegalArgumentException.class, () -> TorchCharLm.load(sd, chars + "\n",
                Nonlinearity.TANH))
                .getMessage();
        assertTrue(m.contains("ends with a newline"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> TorchCharLm.load(sd, chars.substring(1) + chars.charAt(2), Nonlinearity.TANH)).getMessage();
        assertTrue(m.contains("twice"), m);
    }

    @Test
    void missingHeadAndBidirectionalModelsAreRefused() {
        Map<String, Tensor> sd = new LinkedHashMap<>(TorchStateDict.readFloat32(TorchFiles.file("charlm_rnn_relu.pt")));
        String chars = "abcdefghijklmnopq";
        sd.remove("head.bias");
        String m = assertThrows(IllegalArgumentException.class, () -> TorchCharLm.load(sd, chars,
                Nonlinearity.RELU)).getMessage();
        assertTrue(m.contains("missing head.bias"), m);
        Map<String, Tensor> bidir = new LinkedHashMap<>();
        TorchStateDict.readFloat32(TorchFiles.file("lstm_bidir_l2.pt")).forEach((k, v) -> bidir.put("lstm." + k, v));
        bidir.put("embedding.weight", Tensor.zeros(3, 3));
        m = assertThrows(IllegalArgumentException.class, () -> TorchCharLm.load(bidir, "abc",
                Nonlinearity.TANH)).getMessage();
        assertTrue(m.contains("bidirectional"), m);
    }

    @Test
    void embeddingRowsFollowTheCharactersToCodePointOrder() {
        Map<String, Tensor> sd = TorchStateDict.readFloat32(TorchFiles.file("charlm_rnn_relu.pt"));
        String reversed = new StringBuilder("abcdefghijklmnopq").reverse().toString();   // 'a' is PyTorch's id 16
        TorchCharLm.Imported m = TorchCharLm.load(sd, reversed, Nonlinearity.RELU);
        assertEquals('a', m.vocabulary().codePoint(0));
        float[] imported = m.model().stateDict().get("embedding.weight").value().data();
        float[] original = sd.get("embedding.weight").data();
        int e = original.length / 17;
        for (int k = 0; k < e; k++) assertEquals(original[16 * e + k], imported[k]);
        assertEquals(sd.get("head.bias").data()[16], m.model().stateDict().get("head.bias").value().data()[0]);
    }
}
