package dev.rnn4j.examples.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word tokens as the translation model sees them: lower-cased, split at white space, with punctuation
 * at either end of a word split off as tokens of its own ("I'm tired!" → i'm, tired, !). Apostrophes
 * and hyphens inside a word stay, so "aujourd'hui" and "l'homme" are single tokens.
 */
final class Tokens {
    private Tokens() {}

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (word.isEmpty()) continue;
            int[] cps = word.codePoints().toArray();
            int start = 0, end = cps.length;
            List<String> trailing = new ArrayList<>();
            while (start < end && isPunctuation(cps[start])) out.add(Character.toString(cps[start++]));
            while (end > start && isPunctuation(cps[end - 1])) trailing.add(0, Character.toString(cps[--end]));
            if (start < end) out.add(new String(cps, start, end - start));
            out.addAll(trailing);
        }
        return out;
    }

    /** Marks the space between words when a sentence is spelled out as characters. */
    static final String SPACE = "▁";

    /** Tokens joined by spaces: what the model produced, without guessing the language's spacing rules. */
    static String join(List<String> tokens) { return String.join(" ", tokens); }

    /**
     * Word tokens spelled out as characters (code points), {@link #SPACE} between words: a target vocabulary
     * of syllables instead of inflected words, for Korean, whose words carry their particles and endings.
     */
    static List<String> characters(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (!out.isEmpty()) out.add(SPACE);
            w.codePoints().forEach(cp -> out.add(Character.toString(cp)));
        }
        return out;
    }

    /** The text of a character-token sentence: characters joined, {@link #SPACE} back to a space. */
    static String joinCharacters(List<String> chars) { return String.join("", chars).replace(SPACE, " "); }

    private static boolean isPunctuation(int cp) {
        int type = Character.getType(cp);
        return switch (type) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL -> true;
            default -> false;
        };
    }
}
