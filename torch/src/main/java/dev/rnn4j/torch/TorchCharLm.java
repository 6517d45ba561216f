package dev.rnn4j.torch;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link CharLanguageModel} from the {@code state_dict} of a PyTorch character model
 * {@code embedding = nn.Embedding(V, E); lstm|gru|rnn = nn.LSTM|GRU|RNN(E, H, L, batch_first=True[, proj_size=P]);
 * head = nn.Linear(P or H, V)} and its vocabulary (the characters of token ids 0..V-1, in order).
 *
 * <pre>{@code
 * TorchCharLm.Imported m = TorchCharLm.load(TorchStateDict.readFloat32(Path.of("m.pt")), "abc\n", Nonlinearity.TANH);
 * CharLmCheckpoint.writeModel(dir.resolve(CharLmCheckpoint.MODEL_FILE), m.model(), m.vocabulary(), "m.pt");
 * }</pre>
 *
 * rnn4j numbers characters in code point order; the embedding rows and the head's rows are reordered to
 * match, which leaves every prediction unchanged. A recurrent layer saved with {@code bias=False} gets zero
 * biases (the same function).
 */
public final class TorchCharLm {
    private static final List<String> CELLS = List.of("lstm", "gru", "rnn");

    /** The model and its vocabulary, ready for {@code CharLmCheckpoint.writeModel}. */
    public record Imported(CharLanguageModel model, Vocabulary vocabulary) {}

    private TorchCharLm() {}

    /**
     * @param characters   the vocabulary in token id order: exactly V distinct characters
     * @param nonlinearity for an {@code rnn} model (a state_dict does not say); ignored otherwise
     */
    public static Imported load(Map<String, Tensor> stateDict, String characters, Nonlinearity nonlinearity) {
        String cell = cell(stateDict);
        String prefix = cell + ".";
        Map<String, Tensor> recurrent = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> {
            if (k.startsWith(prefix)) recurrent.put(k.substring(prefix.length()), v);
        });
        RecurrentKind kind = RecurrentKind.valueOf(cell.toUpperCase(Locale.ROOT));
        RecurrentConfig r = TorchRecurrent.config(recurrent, "", kind, nonlinearity, true);
        if (r.bidirectional()) {
            throw new IllegalArgumentException(prefix + "*_reverse: a bidirectional " + kind
                    + " reads the text backwards too, "
                    + "so it cannot predict the next character; the character model is unidirectional");
        }
        int[] embedding = TorchRecurrent.matrix(stateDict, "embedding.weight");
        int vocabSize = embedding[0];
        int[] codePoints = characters.codePoints().toArray();
        checkVocabulary(codePoints, vocabSize);
        CharLmConfig config = new CharLmConfig(kind, vocabSize, embedding[1], r.hiddenSize(), r.numLayers(),
                r.projSize(),
                r.nonlinearity(), 0f, 0L);
        if (embedding[1] != r.inputSize()) {
            throw new IllegalArgumentException("embedding.weight has " + embedding[1] + " columns but " + prefix
                    + "weight_ih_l0 expects input size " + r.inputSize());
        }
        CharLanguageModel model = new CharLanguageModel(config);
        Map<String, Parameter> params = model.stateDict();
        Set<String> biases = new HashSet<>();
        if (!r.bias()) for (String name : params.keySet()) if (name.startsWith(prefix + "bias_")) biases.add(name);
        for (String name : biases) Arrays.fill(params.get(name).data(), params.get(name).offset(),
                params.get(name).offset() + params.get(name).size(), 0f);
        TorchRecurrent.setAll(params, reordered(stateDict, codePoints), biases,
                "a character model (embedding, " + cell + ", head)");
        int[] sorted = codePoints.clone();
        Arrays.sort(sorted);
        return new Imported(model, Vocabulary.fromCodePoints(sorted));
    }

    private static String cell(Map<String, Tensor> stateDict) {
        List<String> found = new ArrayList<>();
        for (String c : CELLS) if (stateDict.keySet().stream().anyMatch(k -> k.startsWith(c + "."))) found.add(c);
        if (found.size() != 1) {
            throw new IllegalArgumentException("a character model's state_dict has keys embedding.weight, one of "
                    + "lstm.*, gru.* or rnn.*, head.weight and head.bias; this one has " + (found.isEmpty()
                            ? "none of lstm, gru, rnn"
                    : String.join(" and ", found)) + " (keys: " + String.join(", ", firstKeys(stateDict)) + ")");
        }
        return found.getFirst();
    }

    private static void checkVocabulary(int[] codePoints, int vocabSize) {
        if (codePoints.length != vocabSize) {
            boolean trailingNewline = codePoints.length == vocabSize + 1 && codePoints[vocabSize] == '\n';
            throw new IllegalArgumentException("the vocabulary has " + codePoints.length
                    + " characters but embedding.weight has "
                    + vocabSize + " rows" + (trailingNewline ? " (it ends with a newline the model does not have: "
                    + "write the characters with nothing after them)"
                            : ": give exactly the model's characters, in token id order"));
        }
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < codePoints.length; i++) {
            Integer before = seen.put(codePoints[i], i);
            if (before != null) {
                throw new IllegalArgumentException("the vocabulary has " + describe(codePoints[i])
                        + " twice, at ids " + before
                        + " and " + i + ": each token id needs its own character");
            }
        }
    }

    /** The state_dict with embedding and head rows in code point order (rnn4j's token ids). */
    private static Map<String, Tensor> reordered(Map<String, Tensor> stateDict, int[] codePoints) {
        Integer[] order = new Integer[codePoints.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(codePoints[a], codePoints[b]));   // new id -> PyTorch id
        Map<String, Tensor> out = new LinkedHashMap<>(stateDict);
        for (String name : List.of("embedding.weight", "head.weight", "head.bias")) {
            Tensor t = stateDict.get(name);
            if (t == null || t.rank() == 0 || t.size(0) != order.length) continue;   // setAll reports it
            int row = t.numel() / order.length;
            float[] v = new float[t.numel()];
            for (int i = 0; i < order.length; i++) System.arraycopy(t.data(), order[i] * row, v, i * row, row);
            out.put(name, new Tensor(v, t.shape()));
        }
        return out;
    }

    private static String describe(int cp) {
        return Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? String.format(Locale.ROOT, "U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
    }

    private static List<String> firstKeys(Map<String, Tensor> stateDict) {
        List<String> keys = new ArrayList<>(stateDict.keySet());
        return keys.size() > 8 ? List.of(String.join(", ", keys.subList(0, 8)), "...") : keys;
    }
}
