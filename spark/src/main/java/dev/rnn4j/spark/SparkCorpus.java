package dev.rnn4j.spark;

import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * A UTF-8 text read by Spark (a local path or any Hadoop file system URI, gzipped if it ends in .gz), kept on the
 * executors. It is read in Hadoop input splits ({@link Utf8Splits}: byte ranges, a character straddling two
 * belonging to the first), so no task holds the whole file; the driver learns only the vocabulary and each
 * split's length in characters, and the streams a training run reads are cut from the splits on the executors
 * ({@link #shards}) exactly as one machine cuts them from the whole text.
 *
 * <pre>{@code
 * SparkCorpus corpus = SparkCorpus.read(sc, "hdfs:///data/shakespeare.txt");
 * Vocabulary v = corpus.vocabulary();
 * }</pre>
 */
public final class SparkCorpus {
    /** One split's characters (code points), in file order: the split's index and where it starts in the text. */
    private record Split(int index, int[] codePoints) implements Serializable {}

    /** What the driver learns of a split: its characters, sorted, and how many it holds. */
    private record Summary(int index, int[] distinct, int length) implements Serializable {}

    /** A piece of one stream, cut from one split: where it goes (partition, stream, offset) and its token ids. */
    private record Piece(boolean validation, int stream, int offset, int[] ids) implements Serializable {}

    /** What every split needs to cut its pieces: the text's layout and the streams' geometry. */
    private record Layout(long[] splitStarts, int[] codePoints, int trainLength, StreamCut.Geometry train,
                          StreamCut.Geometry validation, int parts) implements Serializable {}

    /** Where {@link CharCorpus#decodeUtf8} says a bad byte is: its offset and line within the split. */
    private static final java.util.regex.Pattern BYTE_AND_LINE = java.util.regex.Pattern.compile(
            " at byte (\\d+), line \\d+");

    private final String path;
    private final JavaRDD<Split> splits;
    private final Vocabulary vocabulary;
    private final long[] splitStarts;
    private final long length;

    private SparkCorpus(String path, JavaRDD<Split> splits, Vocabulary vocabulary, long[] splitStarts, long length) {
        this.path = path;
        this.splits = splits;
        this.vocabulary = vocabulary;
        this.splitStarts = splitStarts;
        this.length = length;
    }

    /** Reads one file in splits of the file system's block size. */
    public static SparkCorpus read(JavaSparkContext sc, String path) { return read(sc, path, 0); }

    /**
     * Reads one file in splits of at most {@code maxSplitBytes} (0: the file system's block size); the executor
     * reading a split decodes it strictly (errors name the file and the byte's offset).
     */
    public static SparkCorpus read(JavaSparkContext sc, String path, long maxSplitBytes) {
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        if (maxSplitBytes > 0) conf.setLong(FileInputFormat.SPLIT_MAXSIZE, maxSplitBytes);
        requireOneFile(path, conf);
        JavaRDD<Split> splits = sc.newAPIHadoopFile(path, Utf8Splits.class, LongWritable.class, BytesWritable.class,
                conf).mapPartitionsWithIndex((i, records) -> decode(i, records, path), true);
        splits.persist(StorageLevel.MEMORY_AND_DISK());
        List<Summary> summaries;
        try {
            summaries = splits.map(s -> new Summary(s.index(), distinct(s.codePoints()), s.codePoints().length))
                    .collect();
        } catch (Exception e) {   // the executors' errors (a bad byte) arrive wrapped in a SparkException
            splits.unpersist(false);
            throw new IllegalArgumentException(TextLines.readError(path, e), e);
        }
        long[] starts = new long[summaries.size() + 1];
        TreeSet<Integer> characters = new TreeSet<>();
        for (Summary s : summaries) {   // collect() keeps the splits' order
            starts[s.index() + 1] = starts[s.index()] + s.length();
            for (int cp : s.distinct()) characters.add(cp);
        }
        long length = starts[summaries.size()];
        if (length == 0) {
            splits.unpersist(false);
            throw new IllegalArgumentException(path + " is empty: there is no text to train on; pass a text file");
        }
        Vocabulary v = Vocabulary.fromCodePoints(characters.stream().mapToInt(Integer::intValue).toArray());
        return new SparkCorpus(path, splits, v, starts, length);
    }

    /** The text's own vocabulary: every character it uses, sorted by code point (as {@link Vocabulary#of}). */
    public Vocabulary vocabulary() { return vocabulary; }

    /** Length in characters (code points). */
    public long length() { return length; }

    /** How many splits the file was read in. */
    public int splitCount() { return splitStarts.length - 1; }

    /** The file name without .txt and .gz, as one machine's {@code train} names its data. */
    public String name() {
        String file = path.replaceAll("/+$", "");
        return file.substring(file.lastIndexOf('/') + 1).replaceFirst("(\\.txt)?(\\.gz)?$", "");
    }

    /**
     * The text encoded with {@code vocabulary}, split into training and validation text as {@link CharCorpus#of}
     * does, and cut into truncated-BPTT streams as one machine does, {@code parts} partitions of them, cached:
     * partition p holds the p-th share of both the training and the validation streams. Each split cuts the
     * pieces of the streams it holds; a shuffle brings each partition its streams' pieces.
     */
    public JavaRDD<DataShard> shards(Vocabulary vocabulary, double valFrac, int batchSize, int seqLength, int parts) {
        int trainLength = trainLength(valFrac), validationLength = validationLength(valFrac);
        Layout layout = new Layout(splitStarts, vocabulary.codePoints(), trainLength,
                StreamCut.Geometry.training(trainLength, batchSize, seqLength),
                StreamCut.Geometry.validation(validationLength, batchSize, seqLength), parts);
        Broadcast<Layout> shared = JavaSparkContext.fromSparkContext(splits.context()).broadcast(layout);
        JavaRDD<DataShard> shards = splits.flatMapToPair(s -> pieces(s, shared.value()))
                .partitionBy(new HashPartitioner(parts))   // key p < parts lands in partition p
                .mapPartitionsWithIndex((p, it) -> List.of(assemble(p, it, shared.value())).iterator(), true);
        shards.persist(StorageLevel.MEMORY_ONLY());
        return shards;
    }

    /** Training characters, as {@link CharCorpus#of} splits {@link #length()} of them. */
    public int trainLength(double valFrac) {
        int n = Math.toIntExact(length);
        return n - CharCorpus.heldOut(n, valFrac);
    }

    public int validationLength(double valFrac) { return CharCorpus.heldOut(Math.toIntExact(length), valFrac); }

    /** Drops the cached splits (the shards keep what training needs). */
    public void release() { splits.unpersist(false); }

    private static void requireOneFile(String path, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            FileStatus status = p.getFileSystem(conf).getFileStatus(p);
            if (status.isDirectory()) {
                throw new IllegalArgumentException(path + " is a directory; give one text file");
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("no such file: " + path + "; check the path");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage() + "; check the path");
        }
    }

    private static Iterator<Split> decode(int index, Iterator<Tuple2<LongWritable, BytesWritable>> records,
                                          String path) {
        if (!records.hasNext()) return List.of(new Split(index, new int[0])).iterator();
        Tuple2<LongWritable, BytesWritable> r = records.next();
        long offset = r._1().get();
        byte[] bytes = r._2().copyBytes();
        String text;
        try {
            text = CharCorpus.decodeUtf8(bytes, path);
        } catch (IllegalArgumentException e) {   // name the byte by its offset in the file, not in the split
            java.util.regex.Matcher m = BYTE_AND_LINE.matcher(e.getMessage());
            throw new IllegalArgumentException(m.find() ? m.replaceFirst(" at byte "
                    + (offset + Long.parseLong(m.group(1)))) : e.getMessage());   // this message is the root
        }
        if (offset > 0 && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            text = "\uFEFF" + text;   // decodeUtf8 drops a mark only at the file's start: this one is text
        }
        return List.of(new Split(index, text.codePoints().toArray())).iterator();
    }

    private static int[] distinct(int[] codePoints) {
        return java.util.Arrays.stream(codePoints).distinct().sorted().toArray();
    }

    /** The pieces of every training and validation stream that lie in split {@code s}, keyed by partition. */
    private static Iterator<Tuple2<Integer, Piece>> pieces(Split s, Layout layout) {
        long start = layout.splitStarts()[s.index()], end = start + s.codePoints().length;
        Vocabulary v = Vocabulary.fromCodePoints(layout.codePoints());
        List<Tuple2<Integer, Piece>> out = new ArrayList<>();
        for (int kind = 0; kind < 2; kind++) {
            StreamCut.Geometry g = kind == 0 ? layout.train() : layout.validation();
            long base = kind == 0 ? 0 : layout.trainLength();
            for (int p = 0; p < layout.parts(); p++) {
                for (int stream = g.first(p, layout.parts()); stream < g.first(p + 1, layout.parts()); stream++) {
                    long from = base + (long) stream * g.stride(), to = from + g.length() + 1;
                    long a = Math.max(from, start), b = Math.min(to, end);
                    if (a >= b) continue;
                    int[] ids = new int[(int) (b - a)];
                    for (int i = 0; i < ids.length; i++) ids[i] = v.id(s.codePoints()[(int) (a - start) + i]);
                    out.add(new Tuple2<>(p, new Piece(kind == 1, stream, (int) (a - from), ids)));
                }
            }
        }
        return out.iterator();
    }

    /** Partition p's streams, put together from their pieces. */
    private static DataShard assemble(int p, Iterator<Tuple2<Integer, Piece>> pieces, Layout layout) {
        StreamCut.Geometry train = layout.train(), validation = layout.validation();
        int parts = layout.parts();
        int[][] trainStreams = new int[train.first(p + 1, parts) - train.first(p, parts)][train.length() + 1];
        int[][] validationStreams =
                new int[validation.first(p + 1, parts) - validation.first(p, parts)][validation.length() + 1];
        while (pieces.hasNext()) {
            Piece piece = pieces.next()._2();
            StreamCut.Geometry g = piece.validation() ? validation : train;
            int[][] streams = piece.validation() ? validationStreams : trainStreams;
            System.arraycopy(piece.ids(), 0, streams[piece.stream() - g.first(p, parts)], piece.offset(),
                    piece.ids().length);
        }
        return new DataShard(p, new StreamShard(train.first(p, parts), train.seqLength(), trainStreams),
                new StreamShard(validation.first(p, parts), validation.seqLength(), validationStreams));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
