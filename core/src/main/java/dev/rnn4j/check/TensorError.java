package dev.rnn4j.check;

/**
 * How far one tensor of the fast layer is from the double-precision reference: the largest error over its
 * elements, where it occurs, and the two values there.
 *
 * <pre>{@code
 * TensorError e = result.errors().get(0);
 * System.out.println(e.name() + " " + e.maxRelError() + " at " + e.worstIndex());
 * }</pre>
 *
 * @param name        PyTorch's name ({@code weight_hh_l0_reverse}, {@code input}, {@code h0}, {@code c0}),
 *                    or {@code output}/{@code h_n}/{@code c_n} for the forward comparison
 * @param shape       the tensor's shape
 * @param maxRelError the error measure of {@link GradCheck} (gradients) or of the forward comparison
 * @param worstIndex  flat row-major index of the worst element (-1 for an empty tensor)
 * @param actual      the fast float32 value there (analytic gradient, or forward result)
 * @param expected    the double reference value there (numerical gradient, or reference forward result)
 */
public record TensorError(String name, int[] shape, double maxRelError, int worstIndex, double actual,
                          double expected) {
    public TensorError {
        shape = shape.clone();
    }

    @Override
    public int[] shape() { return shape.clone(); }
}
