package dev.rnn4j.keras;

import dev.rnn4j.decode.StepDecoder;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EncoderDecoder}'s decoder one step at a time, as {@link dev.rnn4j.decode.BeamSearch} drives it: the state
 * is every decoder layer's recurrent states (null for a layer without any, or zeros not yet run), the recurrent
 * layers carry them from step to step. The logits are the last Dense layer's values before its softmax, or the
 * output itself (for the arg-max of greedy decoding).
 *
 * <pre>{@code
 * DecoderSteps steps = DecoderSteps.of(model, startId, 50);
 * StepDecoder.Step<List<List<Tensor>>> s = steps.step(previousIds, states);
 * }</pre>
 */
final class DecoderSteps implements StepDecoder<List<List<Tensor>>> {
    private final List<Layer> layers;
    private final int vocabulary;

    private DecoderSteps(List<Layer> layers) {
        this.layers = layers;
        this.vocabulary = layers.getLast().outputShape().last();
    }

    /** The model's decoder a step at a time, after the checks decoding needs. */
    static DecoderSteps of(EncoderDecoder model, int startId, int maxSteps) {
        if (!model.isBuilt()) throw new IllegalStateException("build or train the model before decoding with it");
        List<Layer> layers = model.decoderLayers();
        if (!(layers.getFirst() instanceof Embedding embedding)) {
            throw new IllegalArgumentException("decoding feeds ids back: the decoder must start with an Embedding, "
                    + "got " + layers.getFirst().typeName());
        }
        if (layers.stream().anyMatch(l -> l instanceof Bidirectional)) {
            throw new IllegalArgumentException("a Bidirectional decoder layer reads the whole target sequence; it "
                    + "cannot decode one step at a time");
        }
        if (startId < 0 || startId >= embedding.inputDim()) {
            throw new IllegalArgumentException("startId must be a decoder token id in [0, " + embedding.inputDim()
                    + "), got " + startId);
        }
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        return new DecoderSteps(layers);
    }

    /** Whether the logits are log-probabilities up to a constant, as a beam's scores need: a softmax Dense last. */
    boolean givesLogits() {
        return layers.getLast() instanceof Dense d && d.activation() == Activation.SOFTMAX;
    }

    @Override
    public Step<List<List<Tensor>>> step(int[] previous, List<List<Tensor>> states) {
        float[] ids = new float[previous.length];
        for (int i = 0; i < ids.length; i++) ids[i] = previous[i];
        Tensor h = new Tensor(ids, previous.length, 1);
        List<List<Tensor>> next = new ArrayList<>(states);
        LayerCall last = null;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Recurrent r) {
                RecurrentCall c = r.call(h, null, states.get(i), false);
                next.set(i, c.states());
                last = c;
            } else {
                last = layers.get(i).call(h, null, false);
            }
            h = last.output();
        }
        // (rows, 1, V) or (rows, V): row-major, V values a row either way
        Tensor logits = last instanceof Dense.Call d && givesLogits() ? d.preActivation() : h;
        return new Step<>(logits.data(), next);
    }

    @Override
    public List<List<Tensor>> select(List<List<Tensor>> states, int[] rows) {
        List<List<Tensor>> picked = new ArrayList<>(states.size());
        for (List<Tensor> layer : states) {
            if (layer == null) {
                picked.add(null);
                continue;
            }
            List<Tensor> each = new ArrayList<>(layer.size());
            for (Tensor t : layer) each.add(Fitting.rows(t, rows, 0, rows.length));
            picked.add(each);
        }
        return picked;
    }

    @Override
    public int vocabularySize() { return vocabulary; }
}
