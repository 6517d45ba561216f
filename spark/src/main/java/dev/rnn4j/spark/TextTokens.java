package dev.rnn4j.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Texts to a Keras model's token ids, as Keras's {@code TextVectorization} makes them with its defaults: lower case,
 * ASCII punctuation removed, split on whitespace ({@code words}), or every character a token ({@code chars}); the
 * id of a token is its line in the vocabulary ({@code get_vocabulary()} written one per line: "" for padding at 0,
 * "[UNK]" at 1); a token not in it gets the id of {@code [UNK]}, or is left out when there is none; the ids are cut
 * to {@code length} and padded with 0 after.
 *
 * <pre>{@code
 * TextTokens tokens = new TextTokens(Files.readAllLines(Path.of("vocab.txt")), false, 40);
 * int[] ids = tokens.encode("A fine film!");
 * }</pre>
 */
record TextTokens(Map<String, Integer> ids, boolean chars, int length) implements KerasPredict.TextEncoder {
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~']");
    private static final String UNKNOWN = "[UNK]";

    static TextTokens of(List<String> vocabulary, boolean chars, int length) {
        if (length < 1) throw new IllegalArgumentException("--length must be >= 1, got " + length);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) ids.putIfAbsent(vocabulary.get(i), i);
        return new TextTokens(ids, chars, length);
    }

    @Override
    public int[] encode(String text) {
        String s = PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        String[] tokens = chars ? s.codePoints().mapToObj(Character::toString).toArray(String[]::new)
                : s.strip().split("\\s+");
        Integer unknown = ids.get(UNKNOWN);
        int[] out = new int[length];
        int n = 0;
        for (String t : tokens) {
            if (n == length) break;
            if (t.isEmpty()) continue;
            Integer id = ids.getOrDefault(t, unknown);
            if (id != null) out[n++] = id;
        }
        return out;
    }
}
