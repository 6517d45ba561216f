package dev.rnn4j.examples.postag;

import dev.rnn4j.examples.seqtools.ModelParameters;
import dev.rnn4j.nn.Dropout;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Lstm;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * A many-to-many tagger: every word becomes [word embedding | character encoding], a bidirectional LSTM
 * reads the sentence, and a linear layer scores the tags at every position.
 *
 * <p>The character encoding is the final states [→h | ←h] of a bidirectional LSTM over the word's
 * characters, so a word never seen in training is still represented by its spelling (suffixes such as
 * Korean particles or English "-ing" carry much of the tag).
 *
 * <pre>{@code
 * PosTagger tagger = new PosTagger(vocabs, TaggerConfig.defaults(), new Rng(1));
 * PosTagger.Pass pass = tagger.forward(batch);           // pass.logits(): (B·T, tags)
 * tagger.backward(pass, dLogits);                          // gradients accumulate in tagger.parameters()
 * }</pre>
 */
final class PosTagger {
    private final TaggerConfig config;
    private final Embedding words, chars;
    private final Lstm charLstm, lstm;
    private final Linear head;
    private final Dropout dropIn, dropOut;
    private final ModelParameters parameters;

    /** What forward saved for backward. */
    record Pass(PosBatch batch, RecurrentOutput charOut, Tensor charInput, Dropout.Saved in, RecurrentOutput out,
                Dropout.Saved outDrop, Tensor logits) {}

    PosTagger(TaggerVocabs vocabs, TaggerConfig c, Rng rng) {
        this.config = c;
        words = new Embedding(vocabs.words().size(), c.wordDim(), TaggerVocabs.PAD_ID, rng.split());
        chars = new Embedding(vocabs.chars().size(), c.charDim(), TaggerVocabs.PAD_ID, rng.split());
        charLstm = Lstm.builder(c.charDim(), c.charHidden()).bidirectional(true).batchFirst(true)
                .rng(rng.split()).build();
        lstm = Lstm.builder(c.wordDim() + 2 * c.charHidden(), c.hidden()).numLayers(c.layers())
                .dropout(c.layers() > 1 ? c.dropout() : 0f).bidirectional(true).batchFirst(true)
                .rng(rng.split()).build();
        head = new Linear(2 * c.hidden(), vocabs.tags().size(), true, rng.split());
        dropIn = new Dropout(c.dropout(), rng.split());
        dropOut = new Dropout(c.dropout(), rng.split());
        parameters = new ModelParameters().add("word_embedding", words).add("char_embedding", chars)
                .add("char_lstm", charLstm).add("lstm", lstm).add("head", head).seal();
    }

    ModelParameters parameters() { return parameters; }

    TaggerConfig config() { return config; }

    /** Training mode turns dropout on. */
    void train(boolean on) {
        lstm.train(on);
        dropIn.train(on);
        dropOut.train(on);
    }

    Pass forward(PosBatch b) {
        int B = b.batchSize(), T = b.maxLength(), W = b.distinctWords(), Hc = config.charHidden(),
                Ew = config.wordDim();
        Tensor charInput = chars.forward(b.charIds(), W, b.maxChars());
        RecurrentOutput charOut = charLstm.forward(charInput, b.charLengths(), null, null);
        float[] hN = charOut.hN().data();                       // (2, W, Hc): forward then reverse final states
        int E = Ew + 2 * Hc;
        float[] x = new float[B * T * E];
        float[] wordRows = new float[B * T * Ew];
        words.forward(b.wordIds(), wordRows);
        for (int n = 0; n < B * T; n++) {
            int w = b.tokenWord()[n];
            if (w < 0) continue;                                  // padding stays zero
            System.arraycopy(wordRows, n * Ew, x, n * E, Ew);
            System.arraycopy(hN, w * Hc, x, n * E + Ew, Hc);
            System.arraycopy(hN, (W + w) * Hc, x, n * E + Ew + Hc, Hc);
        }
        Dropout.Saved in = dropIn.forward(new Tensor(x, B, T, E));
        RecurrentOutput out = lstm.forward(in.output(), b.lengths(), null, null);
        Dropout.Saved outDrop = dropOut.forward(out.output());
        Tensor logits = head.forward(outDrop.output());
        return new Pass(b, charOut, charInput, in, out, outDrop, logits.reshape(B * T, logits.size(-1)));
    }

    /** Backward from d loss / d logits, each layer's backward in reverse order of the forward. */
    void backward(Pass p, float[] dLogits) {
        PosBatch b = p.batch();
        int B = b.batchSize(), T = b.maxLength(), W = b.distinctWords(), Hc = config.charHidden(),
                Ew = config.wordDim();
        int E = Ew + 2 * Hc;
        Tensor dHidden = head.backward(p.outDrop().output(), new Tensor(dLogits, B, T, p.logits().size(1)));
        Tensor dOut = dropOut.backward(p.outDrop(), dHidden);
        RecurrentGradients g = lstm.backward(p.out(), dOut, null, null);
        float[] dx = dropIn.backward(p.in(), g.input()).data();
        float[] dWordRows = new float[B * T * Ew];
        float[] dHn = new float[2 * W * Hc];
        for (int n = 0; n < B * T; n++) {
            int w = b.tokenWord()[n];
            if (w < 0) continue;
            System.arraycopy(dx, n * E, dWordRows, n * Ew, Ew);
            for (int k = 0; k < Hc; k++) {   // a word seen several times in the batch sums its gradients
                dHn[w * Hc + k] += dx[n * E + Ew + k];
                dHn[(W + w) * Hc + k] += dx[n * E + Ew + Hc + k];
            }
        }
        words.backward(b.wordIds(), dWordRows);
        RecurrentGradients gc = charLstm.backward(p.charOut(), null, new Tensor(dHn, 2, W, Hc), null);
        chars.backward(b.charIds(), gc.input());
    }

    /** The highest-scoring tag at each of the batch's (B·T) positions (padding positions included). */
    static int[] argmax(Tensor logits) {
        int n = logits.size(0), k = logits.size(1);
        float[] z = logits.data();
        int[] best = new int[n];
        for (int r = 0; r < n; r++) {
            int arg = 0;
            for (int j = 1; j < k; j++) if (z[r * k + j] > z[r * k + arg]) arg = j;
            best[r] = arg;
        }
        return best;
    }
}
