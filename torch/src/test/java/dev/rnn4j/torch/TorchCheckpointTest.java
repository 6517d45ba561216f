package dev.rnn4j.torch;

import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Nonlinearity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training checkpoints as PyTorch users save them ({@code gen_checkpoints.py}): pickle protocols 4 and 5, the
 * state_dict beside an optimizer's state and plain values, and the legacy (non-zip) format. The state_dict is
 * found with or without its key, and the imported model predicts what PyTorch predicted.
 */
class TorchCheckpointTest {
    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(nullValues = "-", value = {"ckpt_lstm_p4, -", "ckpt_lstm_p4, model_state_dict", "ckpt_gru_p5, -",
            "ckpt_gru_p5, state_dict", "ckpt_rnn_legacy, -", "ckpt_rnn_legacy, model"})
    void theStateDictInACheckpointPredictsAsPyTorch(String name, String key) throws Exception {
        String chars = Files.readString(TorchFiles.file("charlm_chars.txt"), StandardCharsets.UTF_8);
        SafeTensorsFile e = TorchFiles.expected(name);
        Map<String, Object> c = TorchFiles.caseOf(e);
        Nonlinearity nl = "relu".equals(c.get("nonlinearity")) ? Nonlinearity.RELU : Nonlinearity.TANH;
        TorchCharLm.Imported m = TorchCharLm.load(TorchStateDict.readFloat32(TorchFiles.file(name + ".pt"), key),
                chars, nl);
        assertEquals(((Number) c.get("hidden_size")).intValue(), m.model().config().hiddenSize());
        assertEquals(((Number) c.get("num_layers")).intValue(), m.model().config().numLayers());
        double max = TorchCharLmTest.compare(name, m.model(), m.vocabulary(), chars, e);
        System.out.printf(Locale.ROOT, "%-24s key %-18s max abs error %.2e%n", name, key, max);
    }

    @Test
    void aCheckpointGivesOnlyItsModelsTensors() {
        Map<String, TorchTensor> sd = TorchStateDict.read(TorchFiles.file("ckpt_lstm_p4.pt"));
        assertEquals(List.of("embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0",
                "lstm.bias_hh_l0", "head.weight", "head.bias"), List.copyOf(sd.keySet()));
    }

    @Test
    void aKeyThatIsNotAStateDictIsRefusedWithTheCandidates() {
        String m = refused("ckpt_lstm_p4.pt", "optimizer_state_dict");
        assertTrue(m.contains("'optimizer_state_dict' holds a dict, not a state_dict")
                && m.contains("state_dicts in it: model_state_dict"), m);
        m = refused("ckpt_lstm_p4.pt", "model");
        assertTrue(m.contains("no entry 'model'") && m.contains("'epoch': an integer")
                && m.contains("'loss': a float") && m.contains("'model_state_dict': a dict"), m);
        m = refused("lstm_l2.pt", "model");
        assertTrue(m.contains("it is a state_dict itself: give no key"), m);
        m = refused("charlm_gru.safetensors", "model");
        assertTrue(m.contains("safetensors") && m.contains("give no key"), m);
    }

    @Test
    void twoStateDictsNeedAKey() {
        String m = refused("ckpt_two.pt", null);
        assertTrue(m.contains("2 state_dicts, under model, ema") && m.contains("--key NAME"), m);
        assertEquals(4, TorchStateDict.read(TorchFiles.file("ckpt_two.pt"), "ema").size());
        assertFalse(TorchStateDict.read(TorchFiles.file("ckpt_two.pt"), "model").isEmpty());
    }

    @Test
    void aWholeModelIsRefusedWithTheFix() {
        for (String file : List.of("full_model_p4.pt", "full_lstm.pt")) {
            String m = refused(file, null);
            assertTrue(m.contains("holds a whole model object") && m.contains("torch.save(model.state_dict(), FILE)")
                    && m.contains("refused before running anything"), m);
        }
        assertTrue(refused("full_model_p4.pt", null).contains("__main__.TinyModel"));
        assertTrue(refused("full_lstm.pt", null).contains("torch.nn.modules.rnn.LSTM"));
    }

    @Test
    void aLegacyFileCutShortIsRefused() throws Exception {
        byte[] full = Files.readAllBytes(TorchFiles.file("ckpt_rnn_legacy.pt"));
        for (int cut : new int[] {20, 200, full.length - 300, full.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            TorchFormatException e = assertThrows(TorchFormatException.class,
                    () -> TorchStateDict.read(part, "cut.pt"));
            String m = e.getMessage();
            assertTrue(m.startsWith("cut.pt") && (m.contains("truncated") || m.contains("damaged")), m);
        }
    }

    private static String refused(String file, String key) {
        Path p = TorchFiles.file(file);
        return assertThrows(TorchFormatException.class, () -> TorchStateDict.read(p, key)).getMessage();
    }
}
