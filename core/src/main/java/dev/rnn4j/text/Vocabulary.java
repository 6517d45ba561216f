package dev.rnn4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The characters of a corpus as Unicode code points (not UTF-16 units, so Hangul syllables, emoji and
 * other supplementary characters are one token each), in ascending code point order so the same text
 * always gives the same ids.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.of("hello 세상");
 * int[] ids = v.encode("hell");       // [2, 1, 3, 3]: ids follow code point order
 * String s = v.decode(ids);           // "hell"
 * }</pre>
 */
public final class Vocabulary {
    private final int[] codePoints;   // id -> code point, ascending

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** The distinct code points of {@code text}. */
    public static Vocabulary of(String text) {
        TreeSet<Integer> set = new TreeSet<>();
        text.codePoints().forEach(set::add);
        return new Vocabulary(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Rebuilds a vocabulary saved with {@link #codePoints()} (e.g. from a checkpoint). */
    public static Vocabulary fromCodePoints(int[] codePoints) {
        int[] cps = codePoints.clone();
        for (int i = 0; i < cps.length; i++) {
            if (!Character.isValidCodePoint(cps[i])) {
                throw new IllegalArgumentException("vocabulary entry " + i + " is not a Unicode code point: " + cps[i]);
            }
            if (i > 0 && cps[i] <= cps[i - 1]) {
                throw new IllegalArgumentException("vocabulary code points must be strictly ascending, entry " + i
                        + " is " + cps[i] + " after " + cps[i - 1]);
            }
        }
        return new Vocabulary(cps);
    }

    public int size() { return codePoints.length; }

    /** Id to code point, ascending; what a checkpoint stores. */
    public int[] codePoints() { return codePoints.clone(); }

    public int codePoint(int id) { return codePoints[id]; }

    /** The id of {@code codePoint}, or -1 when it is not in the vocabulary. */
    public int id(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        return i >= 0 ? i : -1;
    }

    public boolean contains(int codePoint) { return Arrays.binarySearch(codePoints, codePoint) >= 0; }

    /** Ids of every code point of {@code text}; throws naming the characters that are not in the vocabulary. */
    public int[] encode(String text) {
        List<Integer> unknown = unknownCodePoints(text);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("text has characters not in the model's vocabulary: "
                    + describe(unknown));
        }
        return text.codePoints().map(cp -> Arrays.binarySearch(codePoints, cp)).toArray();
    }

    public String decode(int... ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) sb.appendCodePoint(codePoints[id]);
        return sb.toString();
    }

    public String decode(int id) { return new String(Character.toChars(codePoints[id])); }

    /** The distinct code points of {@code text} that are not in this vocabulary, in order of first appearance. */
    public List<Integer> unknownCodePoints(String text) {
        List<Integer> unknown = new ArrayList<>();
        text.codePoints().forEach(cp -> {
            if (!contains(cp) && !unknown.contains(cp)) unknown.add(cp);
        });
        return unknown;
    }

    /** {@code 'é' (U+00E9), '\n' (U+000A)}: readable even for control characters. */
    public static String describe(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(cps.size(), 10);
        for (int i = 0; i < shown; i++) {
            int cp = cps.get(i);
            if (i > 0) sb.append(", ");
            String glyph = Character.isISOControl(cp) || Character.isWhitespace(cp) ? ""
                    : "'" + new String(Character.toChars(cp)) + "' ";
            sb.append(glyph).append(String.format("(U+%04X)", cp));
        }
        if (cps.size() > shown) sb.append(" and ").append(cps.size() - shown).append(" more");
        return sb.toString();
    }
}
