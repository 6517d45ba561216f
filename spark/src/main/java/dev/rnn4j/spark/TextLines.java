package dev.rnn4j.spark;

import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A data set of texts, one per line, read by Spark in Hadoop's input splits (a path or any Hadoop URI, files or a
 * directory, .gz too) and decoded strictly as UTF-8 on the executors: a bad byte stops the job with the file and
 * the byte's offset instead of becoming a replacement character. Each line keeps its index in the data set.
 *
 * <pre>{@code
 * JavaPairRDD<String, Long> lines = TextLines.read(sc, "hdfs:///reviews.txt");   // (text, index)
 * }</pre>
 */
final class TextLines {
    private TextLines() {}

    /** The lines and their indexes, cached and checked (read once here, so errors come before any output). */
    static JavaPairRDD<String, Long> read(JavaSparkContext sc, String path) {
        JavaPairRDD<String, Long> lines;
        long count;
        try {
            JavaPairRDD<LongWritable, Text> raw = sc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class,
                    Text.class, sc.hadoopConfiguration());
            // Hadoop reuses its Text objects: decode each line before the next is read.
            lines = raw.map(r -> decode(r._2(), r._1().get(), path)).zipWithIndex();
            lines.persist(StorageLevel.MEMORY_AND_DISK());
            count = lines.count();
        } catch (Exception e) {   // Hadoop's and the executors' errors arrive wrapped in a SparkException
            throw new IllegalArgumentException(readError(path, e), e);
        }
        if (count == 0) {
            lines.unpersist(false);
            throw new IllegalArgumentException(path + " is empty: nothing to read; pass a file with one text per line");
        }
        return lines;
    }

    /** The root cause's message, or for a missing path "no such file" and the fix. */
    static String readError(String path, Throwable e) {
        String root = SparkCorpus.rootMessage(e);
        if (root.contains("does not exist")) return "no such file: " + path + "; check the path";
        if (root.contains("not valid UTF-8") || root.contains("gzip")) return root;
        if (path.endsWith(".gz") && root.contains("end of")) {
            return path + " is cut short or damaged gzip data (" + root + "); compress or download it again";
        }
        return "cannot read " + path + ": " + root + "; check the path";
    }

    private static String decode(Text line, long offset, String path) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(line.getBytes(), 0, line.getLength());
        CharBuffer out = CharBuffer.allocate(line.getLength());
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            int at = Math.min(in.position(), line.getLength() - 1);
            throw new IllegalArgumentException(path + " is not valid UTF-8 (bad byte 0x"
                    + String.format("%02X", line.getBytes()[at] & 0xFF) + " at byte " + (offset + at)
                    + " of its file); convert it first, e.g. iconv -f LATIN1 -t UTF-8");
        }
        String s = out.flip().toString();
        return offset == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s;   // a byte-order mark is not text
    }
}
