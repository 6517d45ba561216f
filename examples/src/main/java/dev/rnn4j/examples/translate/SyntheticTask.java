package dev.rnn4j.examples.translate;

import dev.rnn4j.tensor.Rng;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sequence tasks with a known answer, to prove the encoder-decoder machinery: copy a random string of
 * symbols backwards ({@code reverse}), or put it in order ({@code sort}). A working model with attention
 * gets almost every sequence exactly right.
 *
 * <pre>{@code
 * List<SentencePair> train = SyntheticTask.REVERSE.pairs(10000, 3, 10, new Rng(1));
 * }</pre>
 */
enum SyntheticTask {
    REVERSE, SORT;

    /** The symbols: a…t (20 tokens). */
    static final List<String> SYMBOLS;

    static {
        List<String> s = new ArrayList<>();
        for (char ch = 'a'; ch <= 't'; ch++) s.add(String.valueOf(ch));
        SYMBOLS = List.copyOf(s);
    }

    static SyntheticTask of(String name) {
        return switch (name) {
            case "reverse" -> REVERSE;
            case "sort" -> SORT;
            default ->
                    throw new IllegalArgumentException("--task must be translate, reverse or sort, got '" + name + "'");
        };
    }

    /** The answer for one source sequence. */
    List<String> target(List<String> source) {
        List<String> t = new ArrayList<>(source);
        if (this == REVERSE) Collections.reverse(t);
        else Collections.sort(t);
        return t;
    }

    /** {@code n} random sequences with lengths uniform in [minLength, maxLength], and their answers. */
    List<SentencePair> pairs(int n, int minLength, int maxLength, Rng rng) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("sequence lengths must satisfy 1 <= min <= max, got " + minLength
                    + ".." + maxLength);
        }
        List<SentencePair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = minLength + rng.nextInt(maxLength - minLength + 1);
            List<String> src = new ArrayList<>(len);
            for (int k = 0; k < len; k++) src.add(SYMBOLS.get(rng.nextInt(SYMBOLS.size())));
            out.add(new SentencePair(src, target(src), ""));
        }
        return out;
    }
}
