package dev.rnn4j.lm;

import dev.rnn4j.kernel.Rows;
import dev.rnn4j.nn.Dropout;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;

import java.util.List;

/**
 * DropConnect on recurrent weights (Wan et al. 2013; AWD-LSTM's WeightDrop on {@code weight_hh_l*}): for one
 * training batch each weight is kept with probability 1−p and scaled by 1/(1−p), else zeroed. {@link #apply} puts
 * the masked weights in place of the parameters' values for the batch's forward and backward; {@link #restore}
 * puts the full values back, bit for bit, and turns the batch's gradient into the full weights' one,
 * {@code dW = dW_masked ⊙ mask}, added to what the gradient held before.
 *
 * <pre>{@code
 * drop.apply(rng);          // weight_hh ← weight_hh ⊙ mask
 * ... forward and backward ...
 * drop.restore();           // weight_hh as it was; grad += (batch's gradient) ⊙ mask
 * }</pre>
 */
final class WeightDrop {
    private final List<Parameter> weights;
    private final float p;
    private final float[][] full, masks, gradBefore;   // per weight, allocated once

    WeightDrop(List<Parameter> weights, float p) {
        this.weights = List.copyOf(weights);
        this.p = p;
        int n = weights.size();
        full = new float[n][];
        masks = new float[n][];
        gradBefore = new float[n][];
        for (int i = 0; i < n; i++) {
            int size = weights.get(i).size();
            full[i] = new float[size];
            masks[i] = new float[size];
            gradBefore[i] = new float[size];
        }
    }

    /** Draws one mask per weight from {@code rng} and masks the values; the gradients start from zero. */
    void apply(Rng rng) {
        for (int i = 0; i < weights.size(); i++) {
            Parameter w = weights.get(i);
            int off = w.offset(), n = w.size();
            System.arraycopy(w.data(), off, full[i], 0, n);
            System.arraycopy(w.grad(), off, gradBefore[i], 0, n);
            java.util.Arrays.fill(w.grad(), off, off + n, 0f);
            Dropout.fillMask(rng, p, masks[i]);
            Rows.multiply(n, w.data(), off, masks[i], 0);
        }
    }

    /** The full values back; gradient = before + (this batch's gradient of the masked weights) ⊙ mask. */
    void restore() {
        for (int i = 0; i < weights.size(); i++) {
            Parameter w = weights.get(i);
            int off = w.offset(), n = w.size();
            System.arraycopy(full[i], 0, w.data(), off, n);
            float[] g = w.grad(), before = gradBefore[i], m = masks[i];
            for (int j = 0; j < n; j++) g[off + j] = before[j] + g[off + j] * m[j];
        }
    }

    /** The mask of weight {@code i} (in the order given) drawn by the last {@link #apply}. */
    float[] mask(int i) { return masks[i]; }
}
