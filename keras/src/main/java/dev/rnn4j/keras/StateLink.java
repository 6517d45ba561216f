package dev.rnn4j.keras;

import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One hand-off of an {@link EncoderDecoder}: the final states of encoder layer {@code encoder} (a recurrent layer with
 * {@code returnState}) are the initial states of decoder layer {@code decoder}; both are indices in their chains.
 * A one-layer seq2seq model has one link, from the encoder's last layer to the decoder's first recurrent layer; a
 * stacked one (Keras's multi-layer seq2seq) links encoder layer k to decoder recurrent layer k.
 *
 * <pre>{@code
 * new StateLink(1, 1)   // encoder layer 1's [h, c] start decoder layer 1
 * }</pre>
 */
public record StateLink(int encoder, int decoder) {
    /**
     * The links of a model given no others: the encoder's recurrent layers with {@code returnState}, in order, to the
     * decoder's first recurrent layers.
     */
    static List<StateLink> inOrder(List<? extends Layer> encoderLayers, List<? extends Layer> decoderLayers) {
        List<Integer> sources = new ArrayList<>(), takers = new ArrayList<>();
        for (int i = 0; i < encoderLayers.size(); i++) {
            if (encoderLayers.get(i) instanceof Recurrent r && r.isReturnState()) sources.add(i);
        }
        for (int i = 0; i < decoderLayers.size() && takers.size() < sources.size(); i++) {
            if (decoderLayers.get(i) instanceof Recurrent) takers.add(i);
        }
        if (!sources.isEmpty() && takers.size() < sources.size()) {
            throw new IllegalArgumentException("the encoder hands on the states of " + sources.size() + " layers, but "
                    + "the decoder has " + takers.size() + " SimpleRNN, LSTM or GRU layers to take them");
        }
        List<StateLink> links = new ArrayList<>();
        for (int k = 0; k < sources.size(); k++) links.add(new StateLink(sources.get(k), takers.get(k)));
        return links;
    }

    /**
     * Refuses links a model cannot run: the encoder's last layer must give states (its output goes nowhere else); each
     * link's encoder layer a recurrent layer with {@code returnState}, its decoder layer a recurrent layer of the same
     * number of states and units, taking no other link.
     */
    static void check(List<StateLink> links, List<? extends Layer> encoderLayers, List<? extends Layer> decoderLayers) {
        int last = encoderLayers.size() - 1;
        if (!(encoderLayers.getLast() instanceof Recurrent r && r.isReturnState())
                || links.stream().noneMatch(l -> l.encoder() == last)) {
            throw new IllegalArgumentException("the encoder must end in a SimpleRNN, LSTM or GRU with "
                    + "returnState(true), whose final states start the decoder; got "
                    + (encoderLayers.getLast() instanceof Recurrent rec ? rec : encoderLayers.getLast().typeName()));
        }
        Set<Integer> taken = new HashSet<>();
        for (StateLink link : links) {
            if (link.encoder() < 0 || link.encoder() > last || link.decoder() < 0
                    || link.decoder() >= decoderLayers.size() || !taken.add(link.decoder())) {
                throw new IllegalArgumentException("bad state link " + link + " for " + encoderLayers.size()
                        + " encoder and " + decoderLayers.size() + " decoder layers (each decoder layer takes one)");
            }
            if (!(encoderLayers.get(link.encoder()) instanceof Recurrent giver) || !giver.isReturnState()) {
                throw new IllegalArgumentException("encoder layer " + link.encoder() + " gives states, so it must be a "
                        + "SimpleRNN, LSTM or GRU with returnState(true)");
            }
            if (!(decoderLayers.get(link.decoder()) instanceof Recurrent receiver)) {
                throw new IllegalArgumentException("decoder layer " + link.decoder() + " takes states, so it must be "
                        + "a SimpleRNN, LSTM or GRU; got " + decoderLayers.get(link.decoder()).typeName());
            }
            if (states(receiver) != states(giver) || receiver.units() != giver.units()) {
                throw new IllegalArgumentException("the encoder's " + giver.typeName() + "(" + giver.units()
                        + ") gives " + states(giver) + " state(s) of " + giver.units() + " units, but the decoder's "
                        + receiver.typeName() + "(" + receiver.units() + ") takes " + states(receiver) + " of "
                        + receiver.units());
            }
        }
    }

    /**
     * Each of {@code decoderLayers} layers' initial states: its linked encoder layer's final states (from that layer's
     * call among {@code encoderCalls}), or null (zeros).
     */
    static List<List<Tensor>> initialStates(List<StateLink> links, List<LayerCall> encoderCalls, int decoderLayers) {
        List<List<Tensor>> states = new ArrayList<>(java.util.Collections.nCopies(decoderLayers, null));
        for (StateLink link : links) {
            states.set(link.decoder(), ((RecurrentCall) encoderCalls.get(link.encoder())).states());
        }
        return states;
    }

    /** How many states a recurrent layer carries: {@code [h, c]} for an LSTM, {@code [h]} otherwise. */
    static int states(Recurrent r) { return r instanceof LSTM ? 2 : 1; }
}
