package dev.rnn4j.examples.translate;

import dev.rnn4j.examples.seqtools.ModelParameters;
import dev.rnn4j.nn.Dropout;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.LuongAttention;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/**
 * A sequence-to-sequence model with attention: a bidirectional LSTM/GRU encoder reads the source, the
 * decoder starts from the encoder's final states (both directions concatenated, layer by layer) and at
 * every step attends over all encoder outputs ({@link LuongAttention}) before scoring the next token.
 *
 * <p>Training uses teacher forcing: the decoder reads the reference's previous token, so the whole target
 * runs through the decoder in one call. Generation runs it one step at a time ({@link #step}), carrying
 * its state, as {@link Search} does.
 *
 * <pre>{@code
 * Seq2Seq model = new Seq2Seq(config, srcVocab, tgtVocab, new Rng(1));
 * Seq2Seq.Pass pass = model.forward(batch);               // pass.logits(): (B·T, V)
 * model.backward(pass, dLogits);
 * }</pre>
 */
final class Seq2Seq {
    private final Seq2SeqConfig config;
    private final Embedding srcEmbedding, tgtEmbedding;
    private final RecurrentNetwork encoder, decoder;
    private final LuongAttention attention;
    private final Linear output;
    private final Dropout dropSrc, dropTgt, dropOut;
    private final ModelParameters parameters;

    /** What a teacher-forced forward saved for backward. */
    record Pass(Seq2SeqBatch batch, Dropout.Saved src, RecurrentOutput enc, Dropout.Saved tgt, RecurrentOutput dec,
                LuongAttention.Saved att, Dropout.Saved outDrop, Tensor logits) {}

    /** Encoder results for generation: outputs (B, S, H), source lengths and the decoder's initial state. */
    record Encoded(float[] enc, int[] srcLen, int batchSize, int srcSteps, Tensor h, Tensor c) {}

    /** One generation step: next-token logits (B, V) and the decoder state after it. */
    record Step(float[] logits, Tensor h, Tensor c) {}

    Seq2Seq(Seq2SeqConfig c, int sourceVocab, int targetVocab, Rng rng) {
        this.config = c;
        int H = c.hidden();
        float between = c.layers() > 1 ? c.dropout() : 0f;
        srcEmbedding = new Embedding(sourceVocab, c.embed(), Seq2SeqVocabs.PAD, rng.split());
        tgtEmbedding = new Embedding(targetVocab, c.embed(), Seq2SeqVocabs.PAD, rng.split());
        encoder = RecurrentNetwork.create(new RecurrentConfig(c.cell(), c.embed(), H / 2, c.layers(), true, true,
                between, true, 0, Nonlinearity.TANH, rng.nextLong()));
        decoder = RecurrentNetwork.create(new RecurrentConfig(c.cell(), c.embed(), H, c.layers(), true, true,
                between, false, 0, Nonlinearity.TANH, rng.nextLong()));
        attention = new LuongAttention(H, rng.split());
        output = new Linear(H, targetVocab, true, rng.split());
        dropSrc = new Dropout(c.dropout(), rng.split());
        dropTgt = new Dropout(c.dropout(), rng.split());
        dropOut = new Dropout(c.dropout(), rng.split());
        parameters = new ModelParameters().add("src_embedding", srcEmbedding).add("tgt_embedding", tgtEmbedding)
                .add("encoder", encoder).add("decoder", decoder).add("attention.score", attention.scoreLayer())
                .add("attention.combine", attention.combineLayer()).add("output", output).seal();
    }

    Seq2SeqConfig config() { return config; }

    ModelParameters parameters() { return parameters; }

    int targetVocabSize() { return output.outFeatures(); }

    void train(boolean on) {
        encoder.train(on);
        decoder.train(on);
        dropSrc.train(on);
        dropTgt.train(on);
        dropOut.train(on);
    }

    Pass forward(Seq2SeqBatch b) {
        int B = b.batchSize(), S = b.srcSteps(), T = b.tgtSteps(), H = config.hidden();
        Dropout.Saved src = dropSrc.forward(srcEmbedding.forward(b.src(), B, S));
        RecurrentOutput enc = encoder.forward(src.output(), b.srcLen(), null, null);
        Dropout.Saved tgt = dropTgt.forward(tgtEmbedding.forward(b.tgtIn(), B, T));
        RecurrentOutput dec = decoder.forward(tgt.output(), b.tgtLen(), bridge(enc.hN()), bridge(enc.cN()));
        LuongAttention.Saved att = attention.forward(enc.output().data(), b.srcLen(), B, S, dec.output().data(), T);
        Dropout.Saved outDrop = dropOut.forward(new Tensor(att.output(), B, T, H));
        Tensor logits = output.forward(outDrop.output());
        return new Pass(b, src, enc, tgt, dec, att, outDrop, logits.reshape(B * T, targetVocabSize()));
    }

    /**
     * Backward from d loss / d logits through every layer in reverse, the decoder's initial-state gradient into the
     * encoder.
     */
    void backward(Pass p, float[] dLogits) {
        Seq2SeqBatch b = p.batch();
        int B = b.batchSize(), S = b.srcSteps(), T = b.tgtSteps(), H = config.hidden();
        Tensor dAtt = dropOut.backward(p.outDrop(),
                output.backward(p.outDrop().output(), new Tensor(dLogits, B, T, targetVocabSize())));
        float[] dEnc = new float[B * S * H], dDec = new float[B * T * H];
        attention.backward(p.att(), dAtt.data(), dEnc, dDec);
        RecurrentGradients gd = decoder.backward(p.dec(), new Tensor(dDec, B, T, H), null, null);
        tgtEmbedding.backward(b.tgtIn(), dropTgt.backward(p.tgt(), gd.input()));
        RecurrentGradients ge =
                encoder.backward(p.enc(), new Tensor(dEnc, B, S, H), unbridge(gd.h0()), unbridge(gd.c0()));
        srcEmbedding.backward(b.src(), dropSrc.backward(p.src(), ge.input()));
    }

    /** Runs the encoder over (B, S) source indices for generation (call {@code train(false)} first). */
    Encoded encode(int[] src, int[] srcLen, int B, int S) {
        RecurrentOutput enc = encoder.forward(srcEmbedding.forward(src, B, S), srcLen, null, null);
        return new Encoded(enc.output().data(), srcLen.clone(), B, S, bridge(enc.hN()), bridge(enc.cN()));
    }

    /** One decoder step for every row: feed {@code previous} tokens with state (h, c), get logits and the new state. */
    Step step(Encoded e, int[] previous, Tensor h, Tensor c) {
        int B = previous.length;
        RecurrentOutput d = decoder.forward(tgtEmbedding.forward(previous, B, 1), null, h, c);
        LuongAttention.Saved att = attention.forward(e.enc(), e.srcLen(), B, e.srcSteps(), d.output().data(), 1);
        float[] logits = new float[B * targetVocabSize()];
        output.forward(att.output(), B, logits);
        return new Step(logits, d.hN(), d.cN());
    }

    /**
     * Encoder final states (2L, B, H/2), [forward, reverse] per layer, as decoder states (L, B, H). Null stays null.
     */
    private Tensor bridge(Tensor hN) {
        if (hN == null) return null;
        int L = config.layers(), B = hN.size(1), half = hN.size(2);
        float[] src = hN.data(), dst = new float[L * B * 2 * half];
        for (int l = 0; l < L; l++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(src, ((2 * l) * B + b) * half, dst, (l * B + b) * 2 * half, half);
                System.arraycopy(src, ((2 * l + 1) * B + b) * half, dst, (l * B + b) * 2 * half + half, half);
            }
        }
        return new Tensor(dst, L, B, 2 * half);
    }

    /** The gradient of {@link #bridge}'s output back to the encoder's final-state layout. */
    private Tensor unbridge(Tensor d) {
        if (d == null) return null;
        int L = config.layers(), B = d.size(1), half = d.size(2) / 2;
        float[] src = d.data(), dst = new float[2 * L * B * half];
        for (int l = 0; l < L; l++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(src, (l * B + b) * 2 * half, dst, ((2 * l) * B + b) * half, half);
                System.arraycopy(src, (l * B + b) * 2 * half + half, dst, ((2 * l + 1) * B + b) * half, half);
            }
        }
        return new Tensor(dst, 2 * L, B, half);
    }

    /** Rows {@code rows} (repeats allowed) of an encoding, e.g. one sentence copied once per beam. */
    static Encoded select(Encoded e, int[] rows) {
        int SH = e.srcSteps() * (e.enc().length / (e.batchSize() * e.srcSteps()));
        float[] enc = new float[rows.length * SH];
        int[] len = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(e.enc(), rows[i] * SH, enc, i * SH, SH);
            len[i] = e.srcLen()[rows[i]];
        }
        return new Encoded(enc, len, rows.length, e.srcSteps(), gather(e.h(), rows), gather(e.c(), rows));
    }

    /** Columns {@code rows} of a (L, B, H) state tensor; null stays null. */
    static Tensor gather(Tensor state, int[] rows) {
        if (state == null) return null;
        int L = state.size(0), B = state.size(1), H = state.size(2);
        float[] out = new float[L * rows.length * H];
        for (int l = 0; l < L; l++) {
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(state.data(), (l * B + rows[i]) * H, out, (l * rows.length + i) * H, H);
            }
        }
        return new Tensor(out, L, rows.length, H);
    }
}
