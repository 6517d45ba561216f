package dev.rnn4j.viz;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.nn.Trace;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.Map;

/**
 * A character model taken apart into its three modules ({@code embedding -> rnn -> head}) with the
 * weights of a {@link CharLanguageModel}, so the visualisations can reach what the model keeps to itself:
 * the recurrent layer's per-step {@link Trace} and its gradients with respect to the carried state.
 *
 * <pre>{@code
 * TracedModel m = TracedModel.of(checkpoint.model());
 * TextTrace trace = m.run(vocabulary.encode("ROMEO:"));
 * }</pre>
 */
final class TracedModel {
    final CharLmConfig config;
    final Embedding embedding;
    final RecurrentNetwork rnn;
    final Linear head;

    private TracedModel(CharLmConfig config) {
        this.config = config;
        if (config.projSize() > 0) {
            throw new IllegalArgumentException("the pages show models without proj_size; this LSTM projects h to "
                    + config.projSize());
        }
        int v = config.vocabSize(), h = config.hiddenSize(), e = config.embeddingSize();
        this.embedding = new Embedding(v, e, new Rng(0));
        this.rnn = RecurrentNetwork.create(new RecurrentConfig(config.cell(), e, h, config.numLayers(), true, true,
                config.dropout(), false, 0, config.nonlinearity(), 0));
        this.head = new Linear(h, v, true, new Rng(0));
        rnn.train(false);
    }

    /** A copy of {@code model}'s current weights (later training of {@code model} does not reach it). */
    static TracedModel of(CharLanguageModel model) {
        TracedModel m = new TracedModel(model.config());
        String prefix = model.config().recurrentName() + ".";
        for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
            String name = e.getKey();
            Parameter target;
            if (name.equals("embedding.weight")) target = m.embedding.weight();
            else if (name.equals("head.weight")) target = m.head.weight();
            else if (name.equals("head.bias")) target = m.head.bias();
            else if (name.startsWith(prefix)) target = m.rnn.parameter(name.substring(prefix.length()));
            else throw new IllegalStateException("unexpected parameter " + name);
            target.set(e.getValue().value());
        }
        return m;
    }

    /** Runs the model over {@code ids} from a zero state and records every step of every layer. */
    TextTrace run(int[] ids) {
        int T = ids.length, H = config.hiddenSize(), V = config.vocabSize();
        if (T == 0) throw new IllegalArgumentException("the text to trace is empty");
        float[] emb = new float[T * config.embeddingSize()];
        embedding.forward(ids, emb);
        RecurrentOutput out = rnn.forward(new Tensor(emb, 1, T, config.embeddingSize()), null, null, null);
        TextTrace.Layer[] layers = new TextTrace.Layer[config.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            Trace tr = out.trace(l, 0);
            float[] gates = tr.gates().data();
            float[] cells = tr.cells() == null ? null : tr.cells().data();
            layers[l] = new TextTrace.Layer(hidden(config.cell(), gates, cells, T, H), cells, gates);
        }
        float[] probs = new float[T * V];
        head.forward(out.output().data(), T, probs);
        for (int t = 0; t < T; t++) softmaxInPlace(probs, t * V, V);
        return new TextTrace(config.cell(), ids, H, V, layers, probs);
    }

    /** Step-at-a-time forward from a carried state (batch 1): the building block of the gradient probe. */
    RecurrentOutput step(int id, Tensor h0, Tensor c0) {
        int E = config.embeddingSize();
        float[] emb = new float[E];
        embedding.forward(new int[] {id}, emb);
        return rnn.forward(new Tensor(emb, 1, 1, E), null, h0, c0);
    }

    /** Backward through one step: returns the gradients with respect to the state the step started from. */
    RecurrentGradients stepBackward(RecurrentOutput out, float[] dOutput, Tensor dHn, Tensor dCn) {
        int H = config.hiddenSize();
        Tensor dOut = new Tensor(dOutput == null ? new float[H] : dOutput, 1, 1, H);
        return rnn.backward(out, dOut, dHn, dCn);
    }

    /**
     * The hidden state after each step, rebuilt from the saved gates (the trace keeps gates and cells):
     * RNN h_t is the activation itself; LSTM h_t = o ⊙ tanh(c_t); GRU h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
     */
    static float[] hidden(RecurrentKind kind, float[] gates, float[] cells, int T, int H) {
        float[] h = new float[T * H];
        switch (kind) {
            case RNN -> System.arraycopy(gates, 0, h, 0, T * H);
            case LSTM -> {
                for (int t = 0; t < T; t++) {
                    for (int j = 0; j < H; j++) h[t * H + j] = gates[t * 4 * H + 3 * H + j]
                            * (float) Math.tanh(cells[t * H + j]);
                }
            }
            case GRU -> {
                for (int t = 0; t < T; t++) {
                    for (int j = 0; j < H; j++) {
                        float z = gates[t * 3 * H + H + j], n = gates[t * 3 * H + 2 * H + j];
                        float prev = t == 0 ? 0f : h[(t - 1) * H + j];
                        h[t * H + j] = (1 - z) * n + z * prev;
                    }
                }
            }
        }
        return h;
    }

    static void softmaxInPlace(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, x[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        for (int i = 0; i < n; i++) x[off + i] = (float) (x[off + i] / sum);
    }
}
