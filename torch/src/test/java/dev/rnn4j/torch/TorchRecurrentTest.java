package dev.rnn4j.torch;

import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** torch.nn.LSTM/GRU/RNN state_dicts saved by torch.save run in rnn4j as they ran in PyTorch. */
class TorchRecurrentTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm_l2", "lstm_proj_l2", "lstm_bidir_l2", "lstm_proj_bidir_nobias", "gru_l2",
            "gru_bidir_f64",
            "rnn_tanh", "rnn_relu_l2", "lstm_f16", "gru_bf16"})
    void matchesPyTorchOutputs(String name) {
        SafeTensorsFile e = TorchFiles.expected(name);
        Map<String, Object> c = TorchFiles.caseOf(e);
        Map<String, Tensor> sd = TorchStateDict.readFloat32(TorchFiles.file(name + ".pt"));
        RecurrentKind kind = TorchRecurrent.kindOf(sd, "");
        assertEquals(c.get("kind"), kind.name());
        Nonlinearity nl = "relu".equals(c.get("nonlinearity")) ? Nonlinearity.RELU : Nonlinearity.TANH;
        RecurrentNetwork net = TorchRecurrent.load(sd, kind, nl, true);

        RecurrentConfig rc = net.config();
        assertEquals(((Number) c.get("input_size")).intValue(), rc.inputSize());
        assertEquals(((Number) c.get("hidden_size")).intValue(), rc.hiddenSize());
        assertEquals(((Number) c.getOrDefault("num_layers", 1L)).intValue(), rc.numLayers());
        assertEquals(((Number) c.getOrDefault("proj_size", 0L)).intValue(), rc.projSize());
        assertEquals(c.getOrDefault("bidirectional", false), rc.bidirectional());
        assertEquals(c.getOrDefault("bias", true), rc.bias());

        RecurrentOutput out = net.forward(e.tensor("input"), null, e.tensor("h0"), e.has("c0") ? e.tensor("c0") : null);
        double max = TorchFiles.assertClose(name + " output", e.tensor("output"), out.output());
        max = Math.max(max, TorchFiles.assertClose(name + " h_n", e.tensor("h_n"), out.hN()));
        if (e.has("c_n")) max = Math.max(max, TorchFiles.assertClose(name + " c_n", e.tensor("c_n"), out.cN()));
        System.out.printf(Locale.ROOT, "%-24s max abs error %.2e%n", name, max);
    }

    @Test
    void missingExtraAndMisshapenKeysAreListedExpectedAgainstGot() {
        Map<String, Tensor> sd = new LinkedHashMap<>(TorchStateDict.readFloat32(TorchFiles.file("lstm_l2.pt")));
        sd.remove("bias_hh_l1");
        sd.put("weight_hh_l1", Tensor.zeros(20, 4));
        sd.put("extra.weight", Tensor.zeros(2));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> TorchRecurrent.load(sd, RecurrentKind.LSTM, Nonlinearity.TANH, true));
        String m = ex.getMessage();
        assertTrue(m.contains("missing bias_hh_l1 [20]"), m);
        assertTrue(m.contains("weight_hh_l1 expected [20, 5], got [20, 4]"), m);
        assertTrue(m.contains("unexpected extra.weight [2]"), m);
    }

    @Test
    void aGruStateDictIsNotTakenForAnLstm() {
        Map<String, Tensor> sd = TorchStateDict.readFloat32(TorchFiles.file("gru_l2.pt"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> TorchRecurrent.load(sd, RecurrentKind.LSTM, Nonlinearity.TANH, true));
        assertTrue(ex.getMessage().contains("the shapes are those of a GRU"), ex.getMessage());
    }
}
