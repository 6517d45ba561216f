package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * The plumbing shared by the layers that hold no parameters ({@link Dropout}, {@link Masking},
 * {@link GlobalMaxPooling1D}): nothing to train, built as soon as {@link #build} has recorded the output
 * shape, and the same "(batch, steps, features)" checks for the layers that take sequences of vectors.
 * Default methods rather than a base class, so each layer stays a final class with its own state.
 *
 * <pre>{@code
 * Masking m = new Masking(0);
 * m.isBuilt();                                   // false
 * m.build(Shape.of(Shape.NONE, 5, 3), rng);      // (None, 5, 3): now built, m.parameters() is empty
 * }</pre>
 */
interface ParameterFreeLayer extends Layer {
    @Override
    default List<Parameter> parameters() { return List.of(); }

    /** Built once {@link #build} has computed the output shape. */
    @Override
    default boolean isBuilt() { return outputShape() != null; }

    /** {@code inputShape} when it is (batch, steps, features), else an error naming {@code layerName}. */
    static Shape requireSequenceShape(String layerName, Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException(layerName + " expects input shape (batch, steps, features), got "
                    + inputShape);
        }
        return inputShape;
    }

    /** Checks that {@code x} is (batch, steps, features), else an error naming {@code layerName}. */
    static void requireSequence(String layerName, Tensor x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(layerName + " expects input (batch, steps, features), got "
                    + Shapes.str(x.shape()));
        }
    }

    /** {@link #requireSequence} and, when given, one sequence length per batch row. */
    static void requireSequence(String layerName, Tensor x, int[] lengths) {
        requireSequence(layerName, x);
        if (lengths != null && lengths.length != x.size(0)) {
            throw new IllegalArgumentException(layerName + " expects " + x.size(0) + " sequence lengths, got "
                    + lengths.length);
        }
    }
}
