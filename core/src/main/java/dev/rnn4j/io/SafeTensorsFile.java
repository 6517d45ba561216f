package dev.rnn4j.io;

import dev.rnn4j.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validated contents of a safetensors file: tensor names in file order, their dtypes and shapes,
 * the metadata, and the data, converted on request.
 *
 * <pre>{@code
 * SafeTensorsFile f = SafeTensors.read(Path.of("model.safetensors"));
 * Tensor w = f.tensor("lstm.weight_ih_l0");     // any float dtype, as float32
 * String config = f.metadata().get("config");
 * }</pre>
 */
public final class SafeTensorsFile {
    /** One tensor's header entry; {@code offset} is absolute in the file's bytes. */
    record Entry(DType dtype, int[] shape, int offset, int length) {}

    private final String source;
    private final byte[] bytes;
    private final Map<String, Entry> entries;   // file order
    private final Map<String, String> metadata;

    SafeTensorsFile(String source, byte[] bytes, Map<String, Entry> entries, Map<String, String> metadata) {
        this.source = source;
        this.bytes = bytes;
        this.entries = entries;
        this.metadata = metadata;
    }

    public List<String> names() { return new ArrayList<>(entries.keySet()); }

    public Map<String, String> metadata() { return metadata; }

    public boolean has(String name) { return entries.containsKey(name); }

    public String dtype(String name) { return entry(name).dtype().name(); }

    public int[] shape(String name) { return entry(name).shape().clone(); }

    /** The tensor as float32 (F32 exact; F64 rounded; F16/BF16 exact; integers converted). */
    public Tensor tensor(String name) {
        Entry e = entry(name);
        int n = e.length() / e.dtype().bytes();
        float[] out = new float[n];
        ByteBuffer b = data(e);
        for (int i = 0; i < n; i++) {
            out[i] = switch (e.dtype()) {
                case F32 -> b.getFloat();
                case F64 -> (float) b.getDouble();
                case F16 -> DType.fromF16(b.getShort());
                case BF16 -> DType.fromBF16(b.getShort());
                case I32 -> b.getInt();
                case I64 -> b.getLong();
            };
        }
        return new Tensor(out, e.shape());
    }

    /** An integer tensor (I64 or I32) as longs. */
    public long[] longs(String name) {
        Entry e = entry(name);
        if (e.dtype() != DType.I64 && e.dtype() != DType.I32) {
            throw new SafeTensorsException(source + ": tensor " + name + " is " + e.dtype()
                    + ", not an integer tensor");
        }
        int n = e.length() / e.dtype().bytes();
        long[] out = new long[n];
        ByteBuffer b = data(e);
        for (int i = 0; i < n; i++) out[i] = e.dtype() == DType.I64 ? b.getLong() : b.getInt();
        return out;
    }

    /** The tensor's raw little-endian bytes, exactly as stored. */
    public byte[] rawBytes(String name) {
        Entry e = entry(name);
        byte[] out = new byte[e.length()];
        System.arraycopy(bytes, e.offset(), out, 0, e.length());
        return out;
    }

    private ByteBuffer data(Entry e) {
        return ByteBuffer.wrap(bytes, e.offset(), e.length()).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            List<String> some = names().subList(0, Math.min(8, entries.size()));
            throw new SafeTensorsException(source + " has no tensor '" + name + "' (it has " + entries.size()
                    + " tensors: " + String.join(", ", some) + (entries.size() > 8 ? ", ..." : "") + ")");
        }
        return e;
    }
}
