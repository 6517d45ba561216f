package dev.rnn4j.spark;

import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A UTF-8 text read by Spark (a local path or any Hadoop file system URI, gzipped if it ends in .gz), kept on the
 * executors: the driver learns only its vocabulary and length, from a Spark job, and the streams a training run
 * reads are cut there too ({@link #shards}).
 *
 * <pre>{@code
 * SparkCorpus corpus = SparkCorpus.read(sc, "hdfs:///data/shakespeare.txt");
 * Vocabulary v = corpus.vocabulary();
 * }</pre>
 */
public final class SparkCorpus {
    /** What the driver learns of the text: its characters, sorted, and its length in code points. */
    private record Summary(int[] codePoints, long length) implements Serializable {}

    private final String path;
    private final JavaRDD<String> text;
    private final Vocabulary vocabulary;
    private final long length;

    private SparkCorpus(String path, JavaRDD<String> text, Summary summary) {
        this.path = path;
        this.text = text;
        this.vocabulary = Vocabulary.fromCodePoints(summary.codePoints());
        this.length = summary.length();
    }

    /** Reads one file; the executor that reads it decodes it strictly (errors name the byte and line). */
    public static SparkCorpus read(JavaSparkContext sc, String path) {
        JavaRDD<String> text = sc.binaryFiles(path, 1).map(f -> decode(f._2().toArray(), f._1()));
        text.persist(StorageLevel.MEMORY_ONLY());
        List<Summary> summaries;
        try {
            summaries = text.map(SparkCorpus::summarize).collect();
        } catch (Exception e) {   // Hadoop's IOExceptions (a missing path) arrive unchecked through Scala
            throw new IllegalArgumentException("cannot read " + path + ": " + rootMessage(e), e);
        }
        if (summaries.size() != 1) {
            throw new IllegalArgumentException(path + " names " + summaries.size() + " files; give one text file");
        }
        return new SparkCorpus(path, text, summaries.getFirst());
    }

    /** The text's own vocabulary: every character it uses, sorted by code point (as {@link Vocabulary#of}). */
    public Vocabulary vocabulary() { return vocabulary; }

    /** Length in characters (code points). */
    public long length() { return length; }

    /** The file name without .txt and .gz, as one machine's {@code train} names its data. */
    public String name() {
        String file = path.replaceAll("/+$", "");
        return file.substring(file.lastIndexOf('/') + 1).replaceFirst("(\\.txt)?(\\.gz)?$", "");
    }

    /**
     * The text encoded with {@code vocabulary}, split into training and validation text as {@link CharCorpus#of}
     * does, and cut into truncated-BPTT streams as one machine does, {@code parts} partitions of them, cached:
     * partition p holds the p-th share of both the training and the validation streams.
     */
    public JavaRDD<DataShard> shards(Vocabulary vocabulary, double valFrac, int batchSize, int seqLength, int parts) {
        int[] codePoints = vocabulary.codePoints();
        JavaRDD<DataShard> shards = text.flatMapToPair(s -> {
                    CharCorpus split = CharCorpus.of(s, Vocabulary.fromCodePoints(codePoints), valFrac, 0);
                    List<StreamShard> train = StreamCut.training(split.train(), batchSize, seqLength, parts);
                    List<StreamShard> val = StreamCut.validation(split.validation(), batchSize, seqLength, parts);
                    List<Tuple2<Integer, DataShard>> out = new ArrayList<>(parts);
                    for (int p = 0; p < parts; p++) out.add(new Tuple2<>(p, new DataShard(p, train.get(p),
                            val.get(p))));
                    return out.iterator();
                })
                .partitionBy(new HashPartitioner(parts))   // key p < parts lands in partition p
                .values();
        shards.persist(StorageLevel.MEMORY_ONLY());
        return shards;
    }

    /** Training and validation characters, as {@link CharCorpus#of} splits {@link #length()} of them. */
    public int trainLength(double valFrac) {
        int n = Math.toIntExact(length);
        return n - CharCorpus.heldOut(n, valFrac);
    }

    public int validationLength(double valFrac) { return CharCorpus.heldOut(Math.toIntExact(length), valFrac); }

    /** Drops the cached text (the shards keep what training needs). */
    public void release() { text.unpersist(false); }

    JavaRDD<String> text() { return text; }

    private static String decode(byte[] bytes, String file) throws IOException {
        if (file.endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return CharCorpus.decodeUtf8(bytes, file);
    }

    private static Summary summarize(String s) {
        return new Summary(s.codePoints().distinct().sorted().toArray(), s.codePointCount(0, s.length()));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
