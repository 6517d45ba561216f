package dev.rnn4j.examples.translate;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.GRU;
import dev.rnn4j.keras.KerasOptimizers;
import dev.rnn4j.keras.LSTM;
import dev.rnn4j.keras.Layer;
import dev.rnn4j.keras.Loss;
import dev.rnn4j.keras.Metric;
import dev.rnn4j.keras.Recurrent;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.PaddedBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The translation example's Keras-style model ({@code --model keras}): Keras's sequence-to-sequence model as its
 * examples build it, without attention. An Embedding (padding masked) and LSTMs or GRUs with {@code return_state}
 * read the source; their final states start the decoder's LSTMs or GRUs, layer by layer, which read
 * {@code <sos> y1 … yn} and predict {@code y1 … yn <eos>} through a softmax Dense layer. Trained with
 * {@link EncoderDecoder#fit}, decoded with {@link EncoderDecoder#decodeGreedy} or {@link EncoderDecoder#decodeBeam}.
 *
 * <pre>{@code
 * EncoderDecoder m = KerasSeq2Seq.model(RecurrentKind.LSTM, vocabs, 128, 256, 1, 0.3f, 1e-3, seed);
 * KerasSeq2Seq.Data d = KerasSeq2Seq.data(pairs, vocabs);
 * m.fit(d.inputs(), d.targets(), config);
 * }</pre>
 */
final class KerasSeq2Seq {
    private KerasSeq2Seq() {}

    /** The model's two inputs (source ids, decoder ids) and targets, padded with 0 (masked). */
    record Data(List<Tensor> inputs, Tensor targets) {}

    /**
     * {@code layers} recurrent layers a side, each encoder layer handing its final states to the decoder layer at its
     * depth (Keras's multi-layer seq2seq), with Keras's {@code dropout} on each recurrent layer's inputs in training.
     */
    static EncoderDecoder model(RecurrentKind kind, Seq2SeqVocabs vocabs, int embed, int hidden, int layers,
                                float dropout, double lr, long seed) {
        List<Layer> encoder = new ArrayList<>(List.of(new Embedding(vocabs.source().size(), embed).maskZero(true)));
        List<Layer> decoder = new ArrayList<>(List.of(new Embedding(vocabs.target().size(), embed).maskZero(true)));
        for (int l = 0; l < layers; l++) {
            encoder.add(recurrent(kind, hidden).returnSequences(l < layers - 1).returnState(true).dropout(dropout));
            decoder.add(recurrent(kind, hidden).returnSequences(true).dropout(dropout));
        }
        decoder.add(new Dense(vocabs.target().size(), Activation.SOFTMAX));
        return EncoderDecoder.of(encoder, decoder).seed(seed)
                .compile(KerasOptimizers.adam(lr), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Metric.ACCURACY);
    }

    private static Recurrent recurrent(RecurrentKind kind, int hidden) {
        return kind == RecurrentKind.GRU ? new GRU(hidden) : new LSTM(hidden);
    }

    /**
     * Teacher forcing ({@link Seq2SeqBatch}): the decoder reads {@code <sos> y1 … yn} and is trained to predict
     * {@code y1 … yn <eos>}; the targets' padding is 0 here, which the decoder's masked Embedding leaves out of the
     * loss.
     */
    static Data data(List<SentencePair> pairs, Seq2SeqVocabs v) {
        Seq2SeqBatch b = Seq2SeqBatch.of(pairs, v);
        float[] out = new float[b.tgtOut().length];
        for (int i = 0; i < out.length; i++) out[i] = Math.max(Seq2SeqVocabs.PAD, b.tgtOut()[i]);   // ignored -> 0
        return new Data(List.of(tensor(b.src(), b.batchSize(), b.srcSteps()),
                tensor(b.tgtIn(), b.batchSize(), b.tgtSteps())), new Tensor(out, b.batchSize(), b.tgtSteps()));
    }

    private static Tensor tensor(int[] ids, int rows, int steps) {
        float[] v = new float[ids.length];
        for (int i = 0; i < v.length; i++) v[i] = ids[i];
        return new Tensor(v, rows, steps);
    }

    private static Tensor ids(PaddedBatch b) { return tensor(b.ids(), b.batchSize(), b.steps()); }

    /**
     * Translations of the sources, greedy ({@code beam} 1) or by beam search, in batches of 64, up to {@code limit}
     * tokens each.
     */
    static List<List<String>> translate(EncoderDecoder model, Seq2SeqVocabs vocabs, List<List<String>> sources,
                                        int beam, int limit) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < sources.size(); from += 64) {
            List<List<String>> batch = sources.subList(from, Math.min(sources.size(), from + 64));
            Tensor src = ids(vocabs.paddedSources(batch, 1));
            int[][] decoded = beam > 1
                    ? model.decodeBeam(src, Seq2SeqVocabs.SOS, Seq2SeqVocabs.EOS, beam, limit)
                    : model.decodeGreedy(src, Seq2SeqVocabs.SOS, Seq2SeqVocabs.EOS, limit);
            for (int[] ids : decoded) out.add(vocabs.decode(ids));
        }
        return out;
    }
}
