package dev.rnn4j.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A text corpus read strictly as UTF-8, encoded with its vocabulary and split, as char-rnn does, into
 * contiguous train / validation / test parts (train first).
 *
 * <pre>{@code
 * CharCorpus c = CharCorpus.of(text, 0.05, 0.0);
 * int[] train = c.train(), val = c.validation();
 * }</pre>
 */
public final class CharCorpus {
    private final Vocabulary vocabulary;
    private final int[] train;
    private final int[] validation;
    private final int[] test;

    private CharCorpus(Vocabulary vocabulary, int[] train, int[] validation, int[] test) {
        this.vocabulary = vocabulary;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** Splits {@code text} with its own vocabulary. Fractions are of code points. */
    public static CharCorpus of(String text, double valFrac, double testFrac) {
        return of(text, Vocabulary.of(text), valFrac, testFrac);
    }

    public static CharCorpus of(String text, Vocabulary vocabulary, double valFrac, double testFrac) {
        if (valFrac < 0 || testFrac < 0 || valFrac + testFrac >= 1) {
            throw new IllegalArgumentException("validation and test fractions must be >= 0 and sum to less than 1, got "
                    + valFrac + " and " + testFrac);
        }
        int[] ids = vocabulary.encode(text);
        int n = ids.length;
        int nVal = heldOut(n, valFrac);
        int nTest = heldOut(n, testFrac);
        int nTrain = n - nVal - nTest;
        if (nTrain < 2) {
            throw new IllegalArgumentException("corpus too small: " + n + " characters leave " + nTrain
                    + " for training");
        }
        int[] train = java.util.Arrays.copyOfRange(ids, 0, nTrain);
        int[] val = java.util.Arrays.copyOfRange(ids, nTrain, nTrain + nVal);
        int[] test = java.util.Arrays.copyOfRange(ids, nTrain + nVal, n);
        return new CharCorpus(vocabulary, train, val, test);
    }

    /** How many of {@code n} characters a fraction holds out, as {@link #of} rounds it for each part. */
    public static int heldOut(int n, double fraction) {
        return (int) Math.round(n * fraction);
    }

    /** Reads {@code file} as UTF-8, failing with the byte offset and line of the first invalid byte. */
    public static String readUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return decodeUtf8(bytes, file.toString());
    }

    public static String decodeUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new IllegalArgumentException(source + " is not valid UTF-8 (bad byte 0x"
                    + String.format("%02X", bytes[at] & 0xFF) + " at byte " + at + ", line " + line
                    + "); convert it first, e.g. iconv -f CP949 -t UTF-8 (Korean) or -f LATIN1 -t UTF-8");
        }
        try {
            decoder.flush(out);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(source + " is not valid UTF-8", e);
        }
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;   // a byte-order mark is not text
    }

    public Vocabulary vocabulary() { return vocabulary; }

    public int[] train() { return train; }

    public int[] validation() { return validation; }

    public int[] test() { return test; }
}
