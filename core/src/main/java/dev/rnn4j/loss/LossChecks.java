package dev.rnn4j.loss;

import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;

/** Argument checks shared by the losses, with messages naming the loss and both shapes. */
final class LossChecks {
    private LossChecks() {}

    static void sameShape(String loss, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + " expects target of the input's shape "
                    + Shapes.str(input.shape()) + ", got " + Shapes.str(target.shape()));
        }
    }

    static void gradientLength(String loss, Tensor input, float[] dInput) {
        if (dInput != null && dInput.length != input.numel()) {
            throw new IllegalArgumentException(loss + " gradient array must have " + input.numel()
                    + " values (input shape " + Shapes.str(input.shape()) + "), got " + dInput.length);
        }
    }
}
