package dev.rnn4j.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies a tensor view out of its storage bytes: element {@code (i0, i1, ...)} sits at storage index
 * {@code offset + i0·stride0 + i1·stride1 + ...}, as in PyTorch. Bounds are checked once, before copying.
 */
final class StridedView {
    private StridedView() {}

    static TorchTensor gather(String name, RestrictedUnpickler.TensorRef ref, byte[] storage, ByteOrder order,
            String source) {
        RestrictedUnpickler.StorageRef s = ref.storage();
        long[] size = ref.size(), stride = ref.stride();
        long numel = 1, last = ref.offset();
        try {
            for (int d = 0; d < size.length; d++) {
                if (size[d] > Integer.MAX_VALUE) throw new ArithmeticException();
                numel = Math.multiplyExact(numel, size[d]);
                if (size[d] > 0) last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
            }
        } catch (ArithmeticException e) {
            throw fail(source, name, "has a size or stride too large to address");
        }
        // A state_dict's tensors never repeat storage elements; more elements than the storage holds would be a
        // broadcast view (stride 0), or a lie that asks for a huge allocation.
        if (numel > s.numel()) {
            throw fail(source, name, "has " + numel + " elements but its storage only " + s.numel()
                    + " (broadcast views are not supported: save a contiguous copy)");
        }
        if (numel > 0 && (ref.offset() >= s.numel() || last >= s.numel())) {
            throw fail(source, name, "reaches storage element " + last + " of a storage of " + s.numel());
        }
        int[] shape = new int[size.length];
        for (int d = 0; d < shape.length; d++) shape[d] = (int) size[d];
        int n = (int) numel;
        ByteBuffer b = ByteBuffer.wrap(storage).order(order);
        float[] floats = s.dtype().floating() ? new float[n] : null;
        long[] longs = floats == null ? new long[n] : null;
        int[] index = new int[shape.length];
        long at = ref.offset();
        for (int i = 0; i < n; i++) {
            int byteAt = (int) (at * s.dtype().bytes());
            if (floats != null) floats[i] = floatAt(b, byteAt, s.dtype());
            else longs[i] = longAt(b, byteAt, s.dtype());
            for (int d = shape.length - 1; d >= 0; d--) {   // next row-major index, moving `at` by the strides
                if (++index[d] < shape[d]) {
                    at += stride[d];
                    break;
                }
                index[d] = 0;
                at -= (shape[d] - 1) * stride[d];
            }
        }
        return new TorchTensor(s.dtype(), shape, floats, longs);
    }

    private static float floatAt(ByteBuffer b, int at, TorchDType t) {
        return switch (t) {
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> (float) b.getDouble(at);
            case FLOAT16 -> Float.float16ToFloat(b.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xFFFF) << 16);
            default -> throw new IllegalStateException(t + " is not a floating type");
        };
    }

    private static long longAt(ByteBuffer b, int at, TorchDType t) {
        return switch (t) {
            case INT64 -> b.getLong(at);
            case INT32 -> b.getInt(at);
            case INT16 -> b.getShort(at);
            case INT8 -> b.get(at);
            case UINT8, BOOL -> b.get(at) & 0xFF;
            default -> throw new IllegalStateException(t + " is not an integer type");
        };
    }

    private static TorchFormatException fail(String source, String name, String problem) {
        return new TorchFormatException(source + ": tensor " + name + " " + problem);
    }
}
