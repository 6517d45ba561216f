package dev.rnn4j.examples.generate;

import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.LayerCall;
import dev.rnn4j.keras.RecurrentCall;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tool.UserError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-to-many: a character GRU whose initial hidden state is a learned vector per label
 * ({@code h0 = labelEmbedding[label]}), so one input, the label, unrolls into a whole review. The first
 * input is the label's start token (or, with {@code labelInput} off, the end token as a plain boundary, so
 * the label reaches the model only through h0) and each following input the previous character; the last
 * target is the end token. Layers are the Keras-style ones, composed by hand: the state gradient the GRU returns
 * for h0 flows into the label embedding.
 *
 * <pre>{@code
 * ConditionedCharModel m = new ConditionedCharModel(vocabulary, 64, 128, true, new Rng(1));
 * List<String> reviews = m.generate(new int[] {1, 0}, 80, 0.8, new Rng(2));   // one positive, one negative
 * }</pre>
 */
final class ConditionedCharModel {
    final CharVocabulary vocabulary;
    final int embed;
    final int hidden;
    /** Whether the first input is the label's start token too; without it the label enters only through h0. */
    final boolean labelInput;
    private final Embedding labelEmbedding;
    private final Embedding charEmbedding;
    private final GRU gru;
    private final Dense head;

    ConditionedCharModel(CharVocabulary vocabulary, int embed, int hidden, boolean labelInput, Rng rng) {
        this.vocabulary = vocabulary;
        this.labelInput = labelInput;
        this.embed = embed;
        this.hidden = hidden;
        labelEmbedding = new Embedding(2, hidden);
        charEmbedding = new Embedding(vocabulary.size(), embed).maskZero(true);
        gru = new GRU(hidden);
        gru.returnSequences(true).returnState(true);
        head = new Dense(vocabulary.size());
        labelEmbedding.build(Shape.of(Shape.NONE, 1), rng);
        charEmbedding.build(Shape.of(Shape.NONE, Shape.NONE), rng);
        gru.build(Shape.of(Shape.NONE, Shape.NONE, embed), rng);
        head.build(Shape.of(Shape.NONE, Shape.NONE, hidden), rng);
    }

    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        all.addAll(labelEmbedding.parameters());
        all.addAll(charEmbedding.parameters());
        all.addAll(gru.parameters());
        all.addAll(head.parameters());
        return all;
    }

    /** A forward pass kept for backward: logits (B, T, V). */
    final class Pass {
        final Tensor logits;
        private final LayerCall label;
        private final LayerCall chars;
        private final RecurrentCall recurrent;
        private final Dense.Call out;

        private Pass(LayerCall label, LayerCall chars, RecurrentCall recurrent, Dense.Call out) {
            this.label = label;
            this.chars = chars;
            this.recurrent = recurrent;
            this.out = out;
            this.logits = out.output();
        }

        /** Accumulates every parameter's gradient from dL/dlogits, through the states into the label embedding. */
        void backward(Tensor dLogits) {
            RecurrentCall.Gradients g = recurrent.backward(out.backward(dLogits), null);
            chars.backward(g.input());
            Tensor dh0 = g.initialState().getFirst();
            label.backward(dh0.reshape(dh0.size(0), 1, hidden));
        }
    }

    /** {@code inputs} (B, T) char ids right-padded with 0, {@code labels} 0/1 per row. */
    Pass forward(Tensor inputs, int[] labels, boolean training) {
        LayerCall label = labelEmbedding.call(labelIds(labels), null, training);
        Tensor h0 = label.output().reshape(labels.length, hidden);
        LayerCall chars = charEmbedding.call(inputs, null, training);
        RecurrentCall recurrent = gru.call(chars.output(), chars.lengths(), List.of(h0), training);
        Dense.Call out = head.call(recurrent.output(), recurrent.lengths(), training);
        return new Pass(label, chars, recurrent, out);
    }

    /**
     * Writes one review per requested label: the start token of the label first, then each sampled character
     * fed back, until the end token or {@code maxChars}. Sampling divides the logits by {@code temperature}.
     */
    List<String> generate(int[] labels, int maxChars, double temperature, Rng rng) {
        int B = labels.length, V = vocabulary.size();
        Tensor h = labelEmbedding.call(labelIds(labels), null, false).output().reshape(B, hidden);
        float[] next = new float[B];
        for (int b = 0; b < B; b++) next[b] = vocabulary.start(labels[b], labelInput);
        StringBuilder[] text = new StringBuilder[B];
        boolean[] done = new boolean[B];
        for (int b = 0; b < B; b++) text[b] = new StringBuilder();
        double[] p = new double[V];
        for (int step = 0; step < maxChars; step++) {
            LayerCall chars = charEmbedding.call(new Tensor(next.clone(), B, 1), null, false);
            RecurrentCall r = gru.call(chars.output(), null, List.of(h), false);
            h = r.states().getFirst();
            float[] logits = head.call(r.output(), null, false).output().data();
            boolean all = true;
            for (int b = 0; b < B; b++) {
                if (done[b]) continue;
                int id = sample(logits, b * V, V, temperature, rng, p);
                if (id == CharVocabulary.END) {
                    done[b] = true;
                    continue;
                }
                text[b].append(vocabulary.token(id));
                next[b] = id;
                all = false;
            }
            if (all) break;
        }
        List<String> out = new ArrayList<>(B);
        for (StringBuilder sb : text) out.add(sb.toString().strip());
        return out;
    }

    /** A draw from softmax(logits / temperature) over the real tokens (never padding or a start token). */
    private int sample(float[] logits, int off, int V, double temperature, Rng rng, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < V; j++) if (vocabulary.canEmit(j)) max = Math.max(max, logits[off + j]);
        double sum = 0;
        for (int j = 0; j < V; j++) {
            p[j] = vocabulary.canEmit(j) ? Math.exp((logits[off + j] - max) / temperature) : 0;
            sum += p[j];
        }
        double u = rng.nextDouble() * sum;
        for (int j = 0; j < V; j++) {
            u -= p[j];
            if (u <= 0 && p[j] > 0) return j;
        }
        return CharVocabulary.END;
    }

    private static Tensor labelIds(int[] labels) {
        float[] v = new float[labels.length];
        for (int i = 0; i < v.length; i++) v[i] = labels[i];
        return new Tensor(v, labels.length, 1);
    }

    void save(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create " + dir + ": " + e.getMessage());
        }
        SafeTensors.Writer w = SafeTensors.writer().metadata("format", "rnn4j-conditioned-char-gru");
        forEachParameter((name, p) -> w.addF32(name, p.value()));
        w.writeTo(dir.resolve("model.safetensors"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("embed", embed);
        json.put("hidden", hidden);
        json.put("label_input", labelInput);
        json.put("tokens", vocabulary.tokens());
        AtomicFiles.write(dir.resolve("model.json"), Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    static ConditionedCharModel load(Path dir) {
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(dir.resolve("model.json")));
            List<String> tokens = new ArrayList<>();
            for (Object o : (List<?>) m.get("tokens")) tokens.add((String) o);
            ConditionedCharModel model = new ConditionedCharModel(new CharVocabulary(tokens),
                    (int) Json.getLong(m, "embed"), (int) Json.getLong(m, "hidden"),
                    Json.getBoolean(m, "label_input"), new Rng(0));
            SafeTensorsFile file = SafeTensors.read(dir.resolve("model.safetensors"));
            model.forEachParameter((name, p) -> p.set(file.tensor(name)));
            return model;
        } catch (IOException e) {
            throw new UserError("cannot read the generator in " + dir + ": " + e.getMessage());
        }
    }

    private void forEachParameter(java.util.function.BiConsumer<String, Parameter> action) {
        for (Parameter p : labelEmbedding.parameters()) action.accept("label_embedding." + p.name(), p);
        for (Parameter p : charEmbedding.parameters()) action.accept("char_embedding." + p.name(), p);
        for (Parameter p : gru.parameters()) action.accept("gru." + p.name(), p);
        for (Parameter p : head.parameters()) action.accept("dense." + p.name(), p);
    }
}
