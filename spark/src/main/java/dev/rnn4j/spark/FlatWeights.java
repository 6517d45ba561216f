package dev.rnn4j.spark;

import dev.rnn4j.nn.Parameter;

import java.util.List;

/** A model's parameter values as one flat array, in the order of its parameters: what the driver broadcasts. */
final class FlatWeights {
    private FlatWeights() {}

    static float[] of(List<Parameter> parameters) {
        int n = 0;
        for (Parameter p : parameters) n += p.size();
        float[] w = new float[n];
        int off = 0;
        for (Parameter p : parameters) {
            System.arraycopy(p.data(), p.offset(), w, off, p.size());
            off += p.size();
        }
        return w;
    }
}
