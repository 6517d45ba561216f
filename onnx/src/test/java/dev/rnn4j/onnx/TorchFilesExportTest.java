package dev.rnn4j.onnx;

import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.torch.TorchCharLm;
import dev.rnn4j.torch.TorchStateDict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch → rnn4j → ONNX: the character models the torch module's tests import (written by PyTorch's
 * {@code torch.save}, with PyTorch's own logits beside them; see their gen.py), exported and run by onnxruntime,
 * give PyTorch's logits, including the LSTM with {@code proj_size} that PyTorch's own exporter refuses.
 */
class TorchFilesExportTest {
    static final Path FILES = Path.of("..", "torch", "src", "test", "resources", "torch");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"charlm_lstm_proj.pt", "charlm_gru.safetensors", "charlm_rnn_relu.pt"})
    void onnxruntimeGivesPyTorchsLogits(String file) throws IOException {
        String name = file.substring(0, file.indexOf('.'));
        String chars = Files.readString(FILES.resolve("charlm_chars.txt"), StandardCharsets.UTF_8);
        Nonlinearity nonlinearity = name.contains("relu") ? Nonlinearity.RELU : Nonlinearity.TANH;
        TorchCharLm.Imported m = TorchCharLm.load(TorchStateDict.readFloat32(FILES.resolve(file)), chars, nonlinearity);
        SafeTensorsFile expected = SafeTensors.read(FILES.resolve(name + ".expected.safetensors"));
        int[] shape = expected.shape("tokens");
        int B = shape[0], T = shape[1], L = m.model().config().numLayers();
        int[] cps = chars.codePoints().toArray();
        Vocabulary vocab = m.vocabulary();
        long[] torchIds = expected.longs("tokens"), ids = new long[torchIds.length];
        for (int i = 0; i < ids.length; i++) ids[i] = vocab.id(cps[(int) torchIds[i]]);   // rnn4j's ids

        try (Ort ort = new Ort(OnnxExport.charLm(m.model(), vocab))) {
            ort.longs("tokens", ids, B, T).floats("h0", Tensor.zeros(L, B, m.model().config().outputSize()));
            if (m.model().config().cell() == RecurrentKind.LSTM) {
                ort.floats("c0", Tensor.zeros(L, B, m.model().config().hiddenSize()));
            }
            Tensor logits = ort.run().get("logits");
            Tensor torch = expected.tensor("logits");
            int V = cps.length;
            float[] reordered = new float[B * T * V];                  // PyTorch's logits in rnn4j's token order
            for (int r = 0; r < B * T; r++) {
                for (int k = 0; k < V; k++) reordered[r * V + vocab.id(cps[k])] = torch.data()[r * V + k];
            }
            double err = Ort.maxError(new Tensor(reordered, B, T, V), logits);
            System.out.printf("ONNX from PyTorch %s: max abs error against PyTorch's logits %.2e%n", name, err);
            assertTrue(err <= Ort.TOLERANCE, name + ": max abs error " + err);
        }
    }
}
