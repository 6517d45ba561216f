package dev.rnn4j.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * Properties of each position of a text that a hidden cell might track (the ones Karpathy et al. found:
 * quotes, line length, brackets, …), each as one number per character, measured after reading it.
 *
 * <pre>{@code
 * for (TextFeatures.Feature f : TextFeatures.of("say \"hi\"\n".codePoints().toArray())) f.values();
 * }</pre>
 */
final class TextFeatures {
    /** @param values one per character of the text */
    record Feature(String name, float[] values) {}

    private TextFeatures() {}

    /** Every feature that varies over {@code text} (a constant says nothing about a cell). */
    static List<Feature> of(int[] text) {
        int n = text.length;
        float[] quotes = new float[n], brackets = new float[n], column = new float[n], word = new float[n],
                sentence = new float[n], sentenceEnd = new float[n], space = new float[n], upper = new float[n],
                script = new float[n], hanja = new float[n];
        boolean inAsciiQuote = false;
        boolean inSingle = false;   // ‘…’: a ’ closes only an open ‘, since alone it is an apostrophe
        int curly = 0, depth = 0, col = 0, inWord = 0, inSentence = 0;
        for (int t = 0; t < n; t++) {
            int c = text[t];
            switch (c) {
                case '"' -> inAsciiQuote = !inAsciiQuote;
                case '“', '「', '『', '«' -> curly++;
                case '”', '」', '』', '»' -> curly = Math.max(0, curly - 1);
                case '‘' -> inSingle = true;
                case '’' -> inSingle = false;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            quotes[t] = inAsciiQuote || inSingle || curly > 0 ? 1 : 0;
            brackets[t] = depth > 0 ? 1 : 0;
            col = c == '\n' ? 0 : col + 1;
            column[t] = col;
            inWord = Character.isLetter(c) ? inWord + 1 : 0;
            word[t] = inWord;
            boolean end = c == '.' || c == '!' || c == '?' || c == '。';
            inSentence = end ? 0 : inSentence + 1;
            sentence[t] = inSentence;
            sentenceEnd[t] = end ? 1 : 0;
            space[t] = Character.isWhitespace(c) ? 1 : 0;
            upper[t] = Character.isUpperCase(c) ? 1 : 0;
            script[t] = isHangul(c) ? 1 : isLatin(c) ? -1 : 0;
            hanja[t] = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 1 : 0;
        }
        List<Feature> all = List.of(new Feature("inside quotes", quotes), new Feature("inside brackets", brackets),
                new Feature("position in line", column), new Feature("position in word", word),
                new Feature("position in sentence", sentence), new Feature("sentence end", sentenceEnd),
                new Feature("space", space), new Feature("upper case", upper), new Feature("Hangul vs Latin", script),
                new Feature("Hanja (Chinese characters)", hanja));
        List<Feature> varying = new ArrayList<>();
        boolean hangul = false, latin = false;
        for (float v : script) {
            hangul |= v > 0;
            latin |= v < 0;
        }
        for (Feature f : all) {
            // with one script only, "Hangul vs Latin" would just mean "a letter"
            if (varies(f.values()) && (f.values() != script || (hangul && latin))) varying.add(f);
        }
        return varying;
    }

    static boolean isHangul(int c) {
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return s == Character.UnicodeScript.HANGUL;
    }

    static boolean isLatin(int c) {
        return Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }

    private static boolean varies(float[] v) {
        for (float x : v) if (x != v[0]) return true;
        return false;
    }
}
