package dev.rnn4j.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The constructor arguments of a PyTorch recurrent layer ({@code nn.RNN/LSTM/GRU}), without dropout.
 *
 * <pre>{@code
 * RecurrentSpec s = new RecurrentSpec(RecurrentKind.LSTM, 3, 4, 2, true, true, true, 0);
 * s.parameterShapes();   // weight_ih_l0 [16, 3], weight_hh_l0 [16, 4], bias_ih_l0 [16], ...
 * }</pre>
 *
 * @param projSize LSTM only; 0 means no projection
 */
public record RecurrentSpec(RecurrentKind kind, int inputSize, int hiddenSize, int numLayers, boolean bias,
                            boolean batchFirst, boolean bidirectional, int projSize) {

    /** A parameter's PyTorch name and shape. */
    public record ParameterShape(String name, int[] shape) {
        public int size() {
            int n = 1;
            for (int s : shape) n *= s;
            return n;
        }
    }

    public RecurrentSpec {
        if (kind == null) throw new IllegalArgumentException("kind must be given");
        if (inputSize <= 0) throw new IllegalArgumentException("inputSize must be positive, got " + inputSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException("hiddenSize must be positive, got " + hiddenSize);
        if (numLayers <= 0) throw new IllegalArgumentException("numLayers must be positive, got " + numLayers);
        if (projSize < 0 || (projSize > 0 && (kind != RecurrentKind.LSTM || projSize >= hiddenSize))) {
            throw new IllegalArgumentException("projSize must be 0, or (LSTM only) in 1.." + (hiddenSize - 1)
                    + ", got " + projSize + " for " + kind);
        }
    }

    /** 2 when bidirectional, else 1 (PyTorch's D). */
    public int directions() { return bidirectional ? 2 : 1; }

    /** Size of h: projSize when projecting, else hiddenSize (PyTorch's H_out). */
    public int outputSize() { return projSize > 0 ? projSize : hiddenSize; }

    /** Input features of layer {@code l}: inputSize for the first, D * H_out above it. */
    public int layerInputSize(int layer) { return layer == 0 ? inputSize : directions() * outputSize(); }

    /** {@code _l1_reverse}: the suffix PyTorch appends to a layer/direction's parameter names. */
    public static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    /** All parameters in PyTorch's {@code named_parameters()} order. */
    public List<ParameterShape> parameterShapes() {
        List<ParameterShape> list = new ArrayList<>();
        int rows = kind.gates() * hiddenSize;
        for (int l = 0; l < numLayers; l++) {
            for (int d = 0; d < directions(); d++) {
                String s = suffix(l, d);
                list.add(new ParameterShape("weight_ih" + s, new int[] {rows, layerInputSize(l)}));
                list.add(new ParameterShape("weight_hh" + s, new int[] {rows, outputSize()}));
                if (bias) {
                    list.add(new ParameterShape("bias_ih" + s, new int[] {rows}));
                    list.add(new ParameterShape("bias_hh" + s, new int[] {rows}));
                }
                if (projSize > 0) list.add(new ParameterShape("weight_hr" + s, new int[] {projSize, hiddenSize}));
            }
        }
        return list;
    }
}
