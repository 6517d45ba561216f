package dev.rnn4j.spark;

import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One file read in many small splits (13 bytes: most 2-, 3- and 4-byte characters straddle a split's end
 * somewhere) gives the same vocabulary, length and streams as the whole text on one machine.
 */
class SparkCorpusSplitsTest {
    @TempDir
    static Path dir;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("rnn4j-splits")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.stop();
    }

    /** Words with characters of every UTF-8 length: é (2 bytes), 한 and 글 (3), 😀 (4, a surrogate pair in Java). */
    static String text() {
        String[] words = TestCorpus.text(1_200, 17).split(" ");
        StringBuilder s = new StringBuilder();
        String[] extra = {"café", "한글", "😀", "naïve", "ok"};
        for (int i = 0; i < words.length; i++) s.append(words[i]).append(i % 3 == 0 ? " " + extra[i % 5] + " " : " ");
        return s.toString();
    }

    @Test
    void manySplitsCutTheStreamsOfOneMachine() throws IOException {
        String text = text();
        Path file = Files.writeString(dir.resolve("mixed.txt"), text, StandardCharsets.UTF_8);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        SparkCorpus corpus = SparkCorpus.read(sc, file.toString(), 13);
        assertTrue(corpus.splitCount() >= bytes / 13, corpus.splitCount() + " splits of " + bytes + " bytes");
        Vocabulary v = Vocabulary.of(text);
        assertArrayEquals(v.codePoints(), corpus.vocabulary().codePoints());
        assertEquals(text.codePointCount(0, text.length()), corpus.length());
        CharCorpus here = CharCorpus.of(text, v, 0.1, 0);
        List<DataShard> shards = corpus.shards(v, 0.1, 5, 8, 3).collect().stream()
                .sorted(Comparator.comparingInt(DataShard::partition)).toList();
        List<StreamShard> train = StreamCut.training(here.train(), 5, 8, 3);
        List<StreamShard> validation = StreamCut.validation(here.validation(), 5, 8, 3);
        assertEquals(3, shards.size());
        for (int p = 0; p < 3; p++) {
            assertSame(train.get(p), shards.get(p).train(), "training streams of partition " + p);
            assertSame(validation.get(p), shards.get(p).validation(), "validation streams of partition " + p);
        }
        System.out.printf("%d bytes in %d splits: the same %d training and %d validation streams%n", bytes,
                corpus.splitCount(), 5, validation.stream().mapToInt(StreamShard::size).sum());
        corpus.release();
    }

    static void assertSame(StreamShard expected, StreamShard actual, String what) {
        assertEquals(expected.firstStream(), actual.firstStream(), what);
        assertEquals(expected.seqLength(), actual.seqLength(), what);
        assertArrayEquals(expected.streams(), actual.streams(), what);
    }

    @Test
    void aGzippedFileIsOneSplitWithTheSameText() throws IOException {
        String text = text();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(dir.resolve("mixed.txt.gz"), gz.toByteArray());
        SparkCorpus corpus = SparkCorpus.read(sc, file.toString(), 13);
        assertEquals(1, corpus.splitCount());
        assertEquals(text.codePointCount(0, text.length()), corpus.length());
        assertEquals("mixed", corpus.name());
        corpus.release();
    }

    @Test
    void aBadByteIsNamedByItsOffsetInTheFile() throws IOException {
        byte[] good = text().getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length);
        int at = 1_000;
        while ((bad[at] & 0x80) != 0) at++;   // an ASCII byte, replaced by Latin-1's é
        bad[at] = (byte) 0xE9;
        Path file = Files.write(dir.resolve("latin1.txt"), bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkCorpus.read(sc, file.toString(), 64));
        assertTrue(e.getMessage().contains("not valid UTF-8 (bad byte 0xE9 at byte " + at + ")"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
