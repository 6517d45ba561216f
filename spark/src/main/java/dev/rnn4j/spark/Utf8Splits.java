package dev.rnn4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * A UTF-8 file read in Hadoop's input splits (byte ranges), each split one record: the bytes of the characters
 * whose first byte lies in the split, keyed by the file offset of the first of them. A character that straddles
 * a split's end belongs whole to the split it starts in (UTF-8 makes that visible: continuation bytes are
 * {@code 10xxxxxx}, and a lead byte tells the length), so the splits' records, in order, are the file's bytes
 * exactly once. A {@code .gz} file is one split, unpacked.
 *
 * <pre>{@code
 * sc.newAPIHadoopFile(path, Utf8Splits.class, LongWritable.class, BytesWritable.class, conf)
 * }</pre>
 */
public final class Utf8Splits extends FileInputFormat<LongWritable, BytesWritable> {
    /** The longest UTF-8 character, in bytes: how far a split looks past each of its ends. */
    private static final int MAX_CHAR = 4;

    @Override
    protected boolean isSplitable(JobContext context, Path file) { return !file.getName().endsWith(".gz"); }

    @Override
    public RecordReader<LongWritable, BytesWritable> createRecordReader(InputSplit split, TaskAttemptContext ctx) {
        return new Reader();
    }

    /** Where in {@code bytes} the characters of a boundary at index {@code at} start: past one that spans it. */
    static int boundary(byte[] bytes, int at) {
        if (at <= 0 || at >= bytes.length) return Math.max(0, Math.min(at, bytes.length));
        // Only the MAX_CHAR - 1 bytes before the boundary count: both splits at a boundary see exactly those.
        int lead = at - 1;
        while (lead > at - MAX_CHAR && lead >= 0 && (bytes[lead] & 0xC0) == 0x80) lead--;
        if (lead <= at - MAX_CHAR || lead < 0) return at;   // no lead byte near: nothing spans the boundary
        int end = lead + charLength(bytes[lead]);
        return end > at ? Math.min(end, bytes.length) : at;
    }

    /** The length a lead byte announces (1 for an ASCII or a byte that is no lead, which decoding rejects). */
    private static int charLength(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xF0 && b < 0xF8) return 4;
        if (b >= 0xE0) return b < 0xF0 ? 3 : 1;
        return b >= 0xC0 ? 2 : 1;
    }

    private static final class Reader extends RecordReader<LongWritable, BytesWritable> {
        private LongWritable key;
        private BytesWritable value;
        private boolean done;

        @Override
        public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
            FileSplit split = (FileSplit) genericSplit;
            Configuration conf = context.getConfiguration();
            Path file = split.getPath();
            FileSystem fs = file.getFileSystem(conf);
            if (file.getName().endsWith(".gz")) {
                try (GZIPInputStream in = new GZIPInputStream(fs.open(file))) {
                    key = new LongWritable(0);
                    value = new BytesWritable(in.readAllBytes());
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    throw new IOException(file + " is cut short or damaged gzip data (" + e.getMessage()
                            + "); compress or download it again", e);
                }
                return;
            }
            long length = fs.getFileStatus(file).getLen();
            long start = split.getStart(), end = start + split.getLength();
            long from = Math.max(0, start - (MAX_CHAR - 1)), to = Math.min(length, end + MAX_CHAR - 1);
            byte[] bytes = new byte[Math.toIntExact(to - from)];
            try (FSDataInputStream in = fs.open(file)) {
                in.readFully(from, bytes);
            }
            int first = boundary(bytes, (int) (start - from));
            int last = end >= length ? bytes.length : boundary(bytes, (int) (end - from));
            key = new LongWritable(from + first);
            value = new BytesWritable(java.util.Arrays.copyOfRange(bytes, first, Math.max(first, last)));
        }

        @Override
        public boolean nextKeyValue() {
            if (done) return false;
            done = true;
            return true;
        }

        @Override
        public LongWritable getCurrentKey() { return key; }

        @Override
        public BytesWritable getCurrentValue() { return value; }

        @Override
        public float getProgress() { return done ? 1 : 0; }

        @Override
        public void close() {}
    }
}
