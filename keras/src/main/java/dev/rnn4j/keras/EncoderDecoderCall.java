package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One call of an {@link EncoderDecoder}: the encoder's layer calls and the decoder's. Backward walks the decoder's
 * in reverse; at the layer the encoder's states started, its gradient with respect to those initial states becomes
 * the gradient of the encoder's final states, and the encoder's calls run in reverse from there.
 *
 * <pre>{@code
 * EncoderDecoderCall c = model.call(source, targetIn, true);
 * c.backward(dOutput);     // parameter gradients of both chains accumulate
 * }</pre>
 */
public final class EncoderDecoderCall {
    private final List<LayerCall> encoder, decoder;
    private final int stateLayer;

    EncoderDecoderCall(List<LayerCall> encoder, List<LayerCall> decoder, int stateLayer) {
        this.encoder = List.copyOf(encoder);
        this.decoder = List.copyOf(decoder);
        this.stateLayer = stateLayer;
    }

    /**
     * The forward pass: the encoder over its input, then the decoder's layers in order over theirs, layer
     * {@code stateLayer} (a recurrent one) from the encoder's final states.
     */
    static EncoderDecoderCall run(Sequential encoder, List<Layer> decoder, int stateLayer, Tensor encoderInput,
                                  Tensor decoderInput, boolean training) {
        SequentialCall encoded = encoder.call(encoderInput, null, training);
        List<Tensor> states = ((RecurrentCall) encoded.last()).states();
        List<LayerCall> calls = new ArrayList<>(decoder.size());
        Tensor h = decoderInput;
        int[] lengths = null;
        for (int i = 0; i < decoder.size(); i++) {
            LayerCall c = i == stateLayer ? ((Recurrent) decoder.get(i)).call(h, lengths, states, training)
                    : decoder.get(i).call(h, lengths, training);
            calls.add(c);
            h = c.output();
            lengths = c.lengths();
        }
        return new EncoderDecoderCall(encoded.calls(), calls, stateLayer);
    }

    /** The decoder's last output: the model's output. */
    public Tensor output() { return last().output(); }

    /** The encoder's final states, as its last layer returned them ({@code [h]} or {@code [h, c]}). */
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
        Tensor g = grad;
        List<Tensor> dStates = null;
        for (int i = decoder.size() - 1; i >= stateLayer; i--) {
            LayerCall c = decoder.get(i);
            if (i == stateLayer) {
                RecurrentCall.Gradients rg = ((RecurrentCall) c).backward(g, null);
                dStates = rg.initialState();
                g = rg.input();
            } else {
                g = preActivation && i == decoder.size() - 1 ? ((Dense.Call) c).backwardFromPreActivation(g)
                        : c.backward(g);
                if (g == null) throw new IllegalStateException("decoder layer " + i + " returned no input gradient");
            }
        }
        // below the state layer: an Embedding returns none, which ends the chain
        for (int i = stateLayer - 1; i >= 0 && g != null; i--) g = decoder.get(i).backward(g);
        Tensor e = ((RecurrentCall) encoder.getLast()).backward(null, dStates).input();
        for (int i = encoder.size() - 2; i >= 0 && e != null; i--) e = encoder.get(i).backward(e);
    }
}
