package dev.rnn4j.spark;

import dev.rnn4j.tensor.Rng;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small seeded text with some structure to learn (words, lines, punctuation), and a file of it. */
final class TestCorpus {
    private static final String[] WORDS = {"the", "king", "speak", "citizen", "hear", "me", "all", "rather", "die",
            "than", "famish", "resolved", "first", "you", "are", "proceed", "further", "before", "we", "any"};

    private TestCorpus() {}

    static String text(int characters, long seed) {
        Rng rng = new Rng(seed);
        StringBuilder s = new StringBuilder();
        while (s.length() < characters) {
            int words = 3 + rng.nextInt(6);
            for (int w = 0; w < words; w++) {
                String word = WORDS[rng.nextInt(WORDS.length)];
                s.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                s.append(w == words - 1 ? (rng.nextInt(3) == 0 ? "?\n" : ".\n") : " ");
            }
        }
        return s.substring(0, characters);
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
