package dev.rnn4j.examples.translate;

import dev.rnn4j.nn.RecurrentKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of a {@link Seq2Seq} model.
 *
 * @param cell     LSTM or GRU, for encoder and decoder alike
 * @param embed    token embedding width (source and target)
 * @param hidden   decoder hidden size; the bidirectional encoder has hidden/2 per direction, so its
 *                 outputs and its concatenated final states are {@code hidden} wide
 * @param layers   recurrent layers in encoder and decoder
 * @param dropout  dropout on embeddings, between recurrent layers and before the output layer
 */
record Seq2SeqConfig(RecurrentKind cell, int embed, int hidden, int layers, float dropout) {
    Seq2SeqConfig {
        if (cell != RecurrentKind.LSTM && cell != RecurrentKind.GRU) {
            throw new IllegalArgumentException("--cell must be lstm or gru, got " + cell);
        }
        if (embed < 1) throw new IllegalArgumentException("--embed must be positive, got " + embed);
        if (hidden < 2 || hidden % 2 != 0) {
            throw new IllegalArgumentException(
                    "--hidden must be even (the encoder's two directions have hidden/2 each), got " + hidden);
        }
        if (layers < 1) throw new IllegalArgumentException("--layers must be at least 1, got " + layers);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell.name().toLowerCase(java.util.Locale.ROOT));
        m.put("embed", embed);
        m.put("hidden", hidden);
        m.put("layers", layers);
        m.put("dropout", dropout);
        return m;
    }
}
