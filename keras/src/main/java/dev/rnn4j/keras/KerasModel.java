package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * A whole Keras-style model as a loaded file gives it: a {@link Sequential} (one input) or an
 * {@link EncoderDecoder} (two inputs, encoder's first). Inputs come as a list in the model's order.
 *
 * <pre>{@code
 * KerasModel model = KerasModels.loadModel(Path.of("seq2seq.keras"));
 * Tensor p = model.predict(List.of(source, targetIn), 32);
 * }</pre>
 */
public sealed interface KerasModel permits Sequential, EncoderDecoder {
    String name();

    /** The input shapes (batch first) in the order the inputs are given; null before the model is built. */
    List<Shape> inputShapes();

    /** Whether {@code compile} has been called (or the loaded file's compile settings applied). */
    boolean isCompiled();

    /** The summary table in the given Keras's layout. */
    String summary(SummaryStyle style);

    /** The outputs for every example, in batches, without dropout. */
    Tensor predict(List<Tensor> inputs, int batchSize);

    /** Loss and accuracy over every example, in batches, without dropout. */
    Scores evaluate(List<Tensor> inputs, Tensor y, int batchSize);

    /** Keras's {@code fit}. */
    History fit(List<Tensor> inputs, Tensor y, FitConfig config);

    /** The one input of a one-input model's list form, or a clear refusal. */
    static Tensor single(List<Tensor> inputs) {
        if (inputs == null || inputs.size() != 1 || inputs.getFirst() == null) {
            throw new IllegalArgumentException("this model takes one input, got "
                    + (inputs == null ? "none" : inputs.size()));
        }
        return inputs.getFirst();
    }
}
