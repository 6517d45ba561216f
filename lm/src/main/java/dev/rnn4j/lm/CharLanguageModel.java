package dev.rnn4j.lm;

import dev.rnn4j.kernel.Rows;
import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.Dropout;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.InputRows;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A character-level language model: {@code embedding -> lstm|gru|rnn -> head} (see {@link CharLmConfig}), with PyTorch
 * {@code state_dict} names ({@code embedding.weight}, {@code lstm.weight_ih_l0}, …, {@code head.weight},
 * {@code head.bias}) so its checkpoints load into the same PyTorch module.
 *
 * <pre>{@code
 * CharLanguageModel m = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, 65, 128, 2, 0f, 1));
 * RecurrentState state = m.zeroState(32);
 * double loss = m.trainingStep(x, y, 32, 100, state);   // gradients accumulate; state moves on
 * }</pre>
 *
 * The hidden state carried between calls is a plain value: each call starts from it and replaces it,
 * so gradients never flow into an earlier batch (truncated BPTT).
 */
public final class CharLanguageModel implements Module {
    private final CharLmConfig config;
    private final Embedding embedding;
    private final RecurrentNetwork rnn;
    private final Linear head;
    private final CrossEntropy crossEntropy = new CrossEntropy();
    private final boolean locked;
    private final WeightDrop weightDrop;        // null when off
    private boolean training = true;
    private final float[][] stepBuffers = new float[6][];   // a step's arrays are dead once it returns
    RecurrentOutput lastOutput;                 // the last training step's, for tests of its masks
    float[] lastOutputMask;

    public CharLanguageModel(CharLmConfig config) {
        this.config = config;
        CharLmConfig.Regularization r = config.regularization();
        Rng rng = new Rng(config.seed());
        int v = config.vocabSize(), e = config.embeddingSize();
        this.embedding = new Embedding(v, e, rng.split());
        this.rnn = RecurrentNetwork.create(new RecurrentConfig(config.cell(), e, config.hiddenSize(),
                config.numLayers(), true, true, config.dropout(), false, config.projSize(), config.nonlinearity(),
                rng.nextLong()));
        // Tied (Press & Wolf): the head reads the embedding matrix as its (V, E) weight; both add to its gradient.
        this.head = r.tieWeights() ? new Linear(embedding.weight(), true, rng.split())
                : new Linear(config.outputSize(), v, true, rng.split());
        rnn.reuseBuffers(true);   // every forward here is consumed (and backpropagated) before the next
        this.locked = r.dropoutMode() == CharLmConfig.DropoutMode.LOCKED;
        rnn.lockedDropout(locked);
        this.weightDrop = r.weightDrop() == 0f ? null : new WeightDrop(rnn.parameters().stream()
                .filter(p -> p.name().startsWith("weight_hh_l")).toList(), r.weightDrop());
    }

    public CharLmConfig config() { return config; }

    /** The recurrent stack's configuration (its input, hidden and projection sizes, kind and nonlinearity). */
    public RecurrentConfig recurrentConfig() { return rnn.config(); }

    /**
     * Parameters in PyTorch {@code state_dict} order: embedding, recurrent layers, head; each once, so with tied
     * weights the head's weight (the embedding's) is not listed again.
     */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(embedding.parameters());
        all.addAll(rnn.parameters());
        for (Parameter p : head.parameters()) if (!all.contains(p)) all.add(p);
        return all;
    }

    /**
     * The parameters under their full PyTorch {@code state_dict} keys; with tied weights {@code head.weight} and
     * {@code embedding.weight} are the same parameter, so a checkpoint holds both keys as PyTorch's tied module does.
     */
    public Map<String, Parameter> stateDict() {
        Map<String, Parameter> dict = new LinkedHashMap<>();
        for (Parameter p : embedding.parameters()) dict.put("embedding." + p.name(), p);
        for (Parameter p : rnn.parameters()) dict.put(config.recurrentName() + "." + p.name(), p);
        for (Parameter p : head.parameters()) dict.put("head." + p.name(), p);
        return dict;
    }

    @Override
    public void train(boolean training) {
        this.training = training;
        rnn.train(training);
    }

    /** The state of the dropout generator (saved in checkpoints so a resumed run draws the same masks). */
    public long dropoutRngState() { return rnn.dropoutRngState(); }

    /** Puts the dropout generator in {@code state}, e.g. a stream of its own for each part of a split batch. */
    public void restoreDropoutRng(long state) { rnn.restoreDropoutRng(state); }

    /** A zero state for {@code batch} streams (PyTorch's default when no h0/c0 is given). */
    public RecurrentState zeroState(int batch) {
        int l = config.numLayers();
        return new RecurrentState(Tensor.zeros(l, batch, config.outputSize()),
                config.cell().gates() == 4 ? Tensor.zeros(l, batch, config.hiddenSize()) : null);
    }

    /**
     * Forward and backward over one batch: {@code x, y} are (B, T) row-major token ids. Returns the mean
     * cross-entropy over the B·T positions; parameter gradients accumulate; {@code state} is advanced.
     */
    public double trainingStep(int[] x, int[] y, int batch, int steps, RecurrentState state) {
        if (weightDrop == null || !training) return step(x, y, batch, steps, state);
        return trainingStep(x, y, batch, steps, state, splitDropoutStream());
    }

    /**
     * As {@link #trainingStep(int[], int[], int, int, RecurrentState)}, with the weight-drop mask drawn from
     * {@code weightDropRng} (unused when weight drop is off): the parts of a batch split over machines each pass
     * {@link #weightDropRng} of the state the whole batch's step starts from, and so share its one mask.
     */
    public double trainingStep(int[] x, int[] y, int batch, int steps, RecurrentState state, Rng weightDropRng) {
        if (weightDrop == null || !training) return step(x, y, batch, steps, state);
        weightDrop.apply(weightDropRng);
        try {
            return step(x, y, batch, steps, state);
        } finally {
            weightDrop.restore();
        }
    }

    private double step(int[] x, int[] y, int batch, int steps, RecurrentState state) {
        int n = batch * steps, e = config.embeddingSize(), h = config.outputSize(), v = config.vocabSize();
        float[] emb = buffer(0, n * e);
        embedding.forward(x, emb);
        Parameter table = embedding.weight();
        // backward adds the embedding's gradient itself, from one sum per character instead of one row per position
        InputRows rows = embeddedRows(x).withGradient(table.grad(), table.offset());
        RecurrentOutput out = rnn.forward(new Tensor(emb, batch, steps, e), null, state.h(), state.c(), rows);
        float[] logits = buffer(1, n * v);
        float[] dLogits = buffer(2, n * v);
        float[] top = out.output().data();
        float[] mask = outputDropoutMask(locked ? batch * h : n * h);
        if (mask != null) {
            float[] dropped = buffer(4, n * h);
            System.arraycopy(top, 0, dropped, 0, dropped.length);
            multiplyOutput(dropped, mask, batch, steps, h);
            top = dropped;
        }
        lastOutput = out;
        lastOutputMask = mask;
        head.forward(top, n, logits);
        double loss = crossEntropy.compute(logits, n, v, y, dLogits);
        // The embeddings are no longer needed: their array takes the head's input gradient when it fits.
        float[] dOut = e == h ? emb : buffer(5, n * h);
        head.backward(top, dLogits, n, dOut);
        if (mask != null) multiplyOutput(dOut, mask, batch, steps, h);
        RecurrentGradients g = rnn.backward(out, new Tensor(dOut, batch, steps, h), null, null);
        if (g.input() != null) embedding.backward(x, g.input().data());   // null: the network added it already
        state.set(out.hN(), out.cN());
        return loss;
    }

    /**
     * The top layer's output is dropped before the head too, as char-rnn does: with dropout only between
     * layers the last layer and the head overfit tinyshakespeare long before the lower layers have learnt.
     * The mask comes from the recurrent stack's dropout stream so one saved state resumes both exactly.
     */
    private float[] outputDropoutMask(int n) {
        float p = config.dropout();
        if (!training || p == 0f) return null;
        return Dropout.fillMask(splitDropoutStream(), p, buffer(3, n));
    }

    /** The generator of the weight-drop mask of a step that starts with the dropout stream in {@code state}. */
    public static Rng weightDropRng(long dropoutRngState) { return new Rng(dropoutRngState).split(); }

    /** A generator of its own split off the recurrent stack's dropout stream, which moves past it. */
    private Rng splitDropoutStream() {
        Rng stream = new Rng(rnn.dropoutRngState());
        Rng maskRng = stream.split();
        rnn.restoreDropoutRng(stream.state());
        return maskRng;
    }

    /** {@code a[B, T, h] *= mask}: elementwise for a mask of a's length, a locked [B, h] one at every step. */
    private static void multiplyOutput(float[] a, float[] mask, int batch, int steps, int h) {
        if (mask.length == a.length) {
            Rows.multiply(a.length, a, 0, mask, 0);
            return;
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) Rows.multiply(h, a, (b * steps + t) * h, mask, b * h);
        }
    }

    /** The weight-drop mask of layer {@code layer}'s {@code weight_hh} drawn for the last training step. */
    float[] weightDropMask(int layer) { return weightDrop.mask(layer); }

    /**
     * The recurrent input is the embedding row of each token, so the first layer projects the V embedding rows
     * once instead of all B·T rows (the same bits; V = 65 against 3,200 rows for the default batch 64 × 50).
     */
    private InputRows embeddedRows(int[] x) {
        Parameter w = embedding.weight();
        return new InputRows(w.data(), w.offset(), config.vocabSize(), x);
    }

    private float[] buffer(int slot, int n) {
        float[] a = stepBuffers[slot];
        if (a == null || a.length != n) stepBuffers[slot] = a = new float[n];
        return a;
    }

    /** Mean cross-entropy of predicting {@code y} from {@code x}, no gradients; {@code state} is advanced. */
    public double loss(int[] x, int[] y, int batch, int steps, RecurrentState state) {
        float[] logits = logits(x, batch, steps, state);
        return crossEntropy.compute(logits, batch * steps, config.vocabSize(), y, null);
    }

    /** Next-token logits (B·T, V) for token ids {@code x} (B, T); {@code state} is advanced. */
    public float[] logits(int[] x, int batch, int steps, RecurrentState state) {
        int n = batch * steps, e = config.embeddingSize();
        float[] emb = buffer(0, n * e);
        embedding.forward(x, emb);
        RecurrentOutput out =
                rnn.forward(new Tensor(emb, batch, steps, e), null, state.h(), state.c(), embeddedRows(x));
        float[] logits = new float[n * config.vocabSize()];
        head.forward(out.output().data(), n, logits);
        state.set(out.hN(), out.cN());
        return logits;
    }
}
