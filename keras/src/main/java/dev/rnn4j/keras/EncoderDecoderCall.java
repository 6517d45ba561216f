package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of an {@link EncoderDecoder}: the encoder's layer calls and the decoder's. Backward walks the decoder's
 * in reverse; at each layer the encoder's states started, its gradient with respect to those initial states becomes
 * the gradient of the linked encoder layer's final states, and the encoder's calls run in reverse, each linked layer
 * taking its output's gradient and its states' together.
 *
 * <pre>{@code
 * EncoderDecoderCall c = model.call(source, targetIn, true);
 * c.backward(dOutput);     // parameter gradients of both chains accumulate
 * }</pre>
 */
public final class EncoderDecoderCall {
    private final List<LayerCall> encoder, decoder;
    private final List<StateLink> links;

    EncoderDecoderCall(List<LayerCall> encoder, List<LayerCall> decoder, List<StateLink> links) {
        this.encoder = List.copyOf(encoder);
        this.decoder = List.copyOf(decoder);
        this.links = links;
    }

    /**
     * The forward pass: the encoder over its input, then the decoder's layers in order over theirs, each linked one
     * (a recurrent layer) from its encoder layer's final states.
     */
    static EncoderDecoderCall run(Sequential encoder, List<Layer> decoder, List<StateLink> links, Tensor encoderInput,
                                  Tensor decoderInput, boolean training) {
        SequentialCall encoded = encoder.call(encoderInput, null, training);
        List<List<Tensor>> initial = StateLink.initialStates(links, encoded.calls(), decoder.size());
        List<LayerCall> calls = new ArrayList<>(decoder.size());
        Tensor h = decoderInput;
        int[] lengths = null;
        for (int i = 0; i < decoder.size(); i++) {
            LayerCall c = initial.get(i) != null
                    ? ((Recurrent) decoder.get(i)).call(h, lengths, initial.get(i), training)
                    : decoder.get(i).call(h, lengths, training);
            calls.add(c);
            h = c.output();
            lengths = c.lengths();
        }
        return new EncoderDecoderCall(encoded.calls(), calls, links);
    }

    /** The decoder's last output: the model's output. */
    public Tensor output() { return last().output(); }

    /** The final states of the encoder's last layer ({@code [h]} or {@code [h, c]}). */
    public List<Tensor> states() { return ((RecurrentCall) encoder.getLast()).states(); }

    LayerCall last() { return decoder.getLast(); }

    /** Backward from dL/d output through both chains; parameter gradients accumulate. */
    public void backward(Tensor dOutput) { backwardFrom(dOutput, false); }

    /** Backward from dL/dz of a last {@link Dense} layer, z its value before the activation (a fused loss). */
    void backwardFromPreActivation(Tensor dz) {
        if (!(last() instanceof Dense.Call)) throw new IllegalStateException("the last layer is not Dense");
        backwardFrom(dz, true);
    }

    private void backwardFrom(Tensor grad, boolean preActivation) {
        Map<Integer, Integer> sourceOf = new HashMap<>();              // decoder layer -> encoder layer
        for (StateLink link : links) sourceOf.put(link.decoder(), link.encoder());
        int lowest = links.stream().mapToInt(StateLink::decoder).min().orElse(0);
        Map<Integer, List<Tensor>> dStates = new HashMap<>();         // encoder layer -> dL/d its final states
        Tensor g = grad;
        for (int i = decoder.size() - 1; i >= 0; i--) {
            LayerCall c = decoder.get(i);
            if (sourceOf.containsKey(i)) {
                RecurrentCall.Gradients rg = ((RecurrentCall) c).backward(g, null);
                dStates.put(sourceOf.get(i), rg.initialState());
                g = rg.input();
            } else if (preActivation && i == decoder.size() - 1) {
                g = ((Dense.Call) c).backwardFromPreActivation(g);
            } else {
                g = c.backward(g);
            }
            // below the lowest linked layer an Embedding returns no gradient, which ends the decoder's part
            if (g == null && i > lowest) {
                throw new IllegalStateException("decoder layer " + i + " returned no input gradient");
            }
            if (g == null) break;
        }
        // the encoder's last layer: only its states' gradient (its output goes nowhere); above it nothing
        Tensor e = null;
        for (int i = encoder.size() - 1; i >= 0; i--) {
            LayerCall c = encoder.get(i);
            if (dStates.containsKey(i)) {
                e = ((RecurrentCall) c).backward(e, dStates.get(i)).input();
            } else {
                if (e == null) break;
                e = c.backward(e);
            }
            if (e == null) break;
        }
    }
}
