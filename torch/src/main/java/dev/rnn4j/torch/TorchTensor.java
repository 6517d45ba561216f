package dev.rnn4j.torch;

import dev.rnn4j.tensor.Tensor;

/**
 * One tensor of a PyTorch {@code state_dict}, contiguous in row-major order: floating types as float32
 * ({@code float64} rounded, {@code float16}/{@code bfloat16} exact), integer and bool types as longs.
 *
 * <pre>{@code
 * TorchTensor t = TorchStateDict.read(path).get("lstm.weight_ih_l0");
 * Tensor w = t.toFloat32();
 * }</pre>
 *
 * @param dtype  the type the file stored
 * @param shape  PyTorch's {@code size()}; empty for a 0-d tensor
 * @param floats the values of a floating tensor, else null
 * @param longs  the values of an integer or bool tensor, else null
 */
public record TorchTensor(TorchDType dtype, int[] shape, float[] floats, long[] longs) {
    /** The values as a float32 {@link Tensor} (a 0-d tensor becomes shape [1]); integers are converted. */
    public Tensor toFloat32() {
        float[] v = floats;
        if (v == null) {
            v = new float[longs.length];
            for (int i = 0; i < v.length; i++) v[i] = longs[i];
        }
        return new Tensor(v, shape.length == 0 ? new int[] {1} : shape);
    }

    /** The number of elements. */
    public int numel() { return floats != null ? floats.length : longs.length; }
}
