package dev.rnn4j.examples.postag;

/**
 * Sizes of a {@link PosTagger}.
 *
 * @param wordDim    word embedding width
 * @param charDim    character embedding width
 * @param charHidden hidden size of each direction of the character LSTM (a word is 2·charHidden wide)
 * @param hidden     hidden size of each direction of the sentence LSTM
 * @param layers     sentence LSTM layers
 * @param dropout    dropout on the LSTM's input and output (and between its layers)
 */
record TaggerConfig(int wordDim, int charDim, int charHidden, int hidden, int layers, float dropout) {
    TaggerConfig {
        for (int v : new int[] {wordDim, charDim, charHidden, hidden, layers}) {
            if (v <= 0) {
                throw new IllegalArgumentException("tagger sizes must be positive, got word " + wordDim
                        + ", char " + charDim + ", char hidden " + charHidden + ", hidden " + hidden
                        + ", layers " + layers);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }

    String json() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("word_dim", wordDim);
        m.put("char_dim", charDim);
        m.put("char_hidden", charHidden);
        m.put("hidden", hidden);
        m.put("layers", layers);
        m.put("dropout", dropout);
        return dev.rnn4j.io.Json.write(m);
    }
}
