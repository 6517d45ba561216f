package dev.rnn4j.torch;

/**
 * The element types of PyTorch storages, named by their storage class ({@code torch.FloatStorage}, ...)
 * in a {@code torch.save} pickle; floating types become float32 weights, integer and bool types stay integers.
 *
 * <pre>{@code
 * TorchDType.ofStorageClass("HalfStorage");   // FLOAT16, 2 bytes an element
 * }</pre>
 */
public enum TorchDType {
    FLOAT32("FloatStorage", 4, true), FLOAT64("DoubleStorage", 8, true), FLOAT16("HalfStorage", 2, true),
    BFLOAT16("BFloat16Storage", 2, true), INT64("LongStorage", 8, false), INT32("IntStorage", 4, false),
    INT16("ShortStorage", 2, false), INT8("CharStorage", 1, false), UINT8("ByteStorage", 1, false),
    BOOL("BoolStorage", 1, false);

    private final String storageClass;
    private final int bytes;
    private final boolean floating;

    TorchDType(String storageClass, int bytes, boolean floating) {
        this.storageClass = storageClass;
        this.bytes = bytes;
        this.floating = floating;
    }

    /** The class name in module {@code torch}, e.g. {@code FloatStorage}. */
    public String storageClass() { return storageClass; }

    public int bytes() { return bytes; }

    public boolean floating() { return floating; }

    /** The type of {@code torch.<name>}, or null when {@code name} is no storage class this reader knows. */
    static TorchDType ofStorageClass(String name) {
        for (TorchDType d : values()) if (d.storageClass.equals(name)) return d;
        return null;
    }
}
