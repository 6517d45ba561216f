package dev.rnn4j.golden;

import dev.rnn4j.loss.BinaryCrossEntropyWithLogits;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.loss.MeanSquaredError;
import dev.rnn4j.tensor.Tensor;

/**
 * Golden cases of kind {@code cross_entropy}, {@code binary_cross_entropy_with_logits} and {@code mse}:
 * the mean loss ({@code out.loss}) and the gradient with respect to the input ({@code grad.<input>}).
 */
public final class LossGoldenCheck {
    private LossGoldenCheck() {}

    public static void check(GoldenCase c) {
        String input = c.kind().equals("mse") ? "pred" : "logits";
        Tensor x = c.tensor(input);
        float[] dx = new float[x.numel()];
        double loss = switch (c.kind()) {
            case "cross_entropy" -> {
                int ignoreIndex = c.params().containsKey("ignore_index") ? c.integer("ignore_index")
                        : CrossEntropy.DEFAULT_IGNORE_INDEX;
                yield new CrossEntropy(ignoreIndex).compute(x, ints(c.longs("target")), dx);
            }
            case "binary_cross_entropy_with_logits" -> new BinaryCrossEntropyWithLogits()
                    .compute(x, c.tensor("target"), dx);
            case "mse" -> new MeanSquaredError().compute(x, c.tensor("target"), dx);
            default ->
                    throw new IllegalArgumentException(c.name() + ": LossGoldenCheck does not handle kind " + c.kind());
        };
        if (!"mean".equals(c.string("reduction"))) {
            throw new IllegalArgumentException(c.name() + ": only mean reduction is implemented");
        }
        c.assertClose("out.loss", scalar(loss));
        c.assertClose("grad." + input, new Tensor(dx, x.shape()));
    }

    static Tensor scalar(double v) { return new Tensor(new float[] {(float) v}, 1); }

    static int[] ints(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Math.toIntExact(values[i]);
        return out;
    }
}
