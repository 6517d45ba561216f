package dev.rnn4j.torch;

import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dtypes, views (strides, storage offsets), 0-d and empty tensors, parameters and safetensors, against PyTorch. */
class TorchStateDictTest {
    @Test
    void everyTensorEqualsPyTorchsContiguousCopy() {
        Map<String, TorchTensor> sd = TorchStateDict.read(TorchFiles.file("tensors.pt"));
        SafeTensorsFile e = TorchFiles.expected("tensors");
        assertEquals(e.names(), List.copyOf(sd.keySet()));
        for (String name : e.names()) {
            TorchTensor t = sd.get(name);
            assertArrayEquals(e.shape(name), t.shape(), name);
            if (e.dtype(name).equals("I64")) assertArrayEquals(e.longs(name), t.longs(), name);
            else assertArrayEquals(e.tensor(name).data(), t.floats(),
                    name);   // f64/f16/bf16 -> f32 as PyTorch's .float()
        }
        assertEquals(TorchDType.FLOAT16, sd.get("f16").dtype());
        assertEquals(TorchDType.BFLOAT16, sd.get("bf16").dtype());
        assertEquals(TorchDType.FLOAT64, sd.get("f64").dtype());
        assertEquals(1L << 40, sd.get("i64").longs()[3]);
        assertArrayEquals(new int[] {6, 4}, sd.get("transposed").shape());
    }

    @Test
    void aSafetensorsStateDictReadsAsTheSameTensors() {
        Map<String, Tensor> sd = TorchStateDict.readFloat32(TorchFiles.file("charlm_gru.safetensors"));
        assertEquals(List.of("embedding.weight", "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0",
                "gru.bias_hh_l0",
                "head.weight", "head.bias"), List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {21, 7}, sd.get("gru.weight_hh_l0").shape());
    }
}
