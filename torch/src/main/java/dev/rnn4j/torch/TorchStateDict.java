package dev.rnn4j.torch;

import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PyTorch {@code state_dict} file without Python and without running anything it contains: the zip
 * that {@code torch.save(model.state_dict(), "m.pt")} writes ({@code <archive>/data.pkl} read by the
 * {@link RestrictedUnpickler}, storages in {@code <archive>/data/<key>}, {@code byteorder}), or a safetensors
 * file ({@code safetensors.torch.save_file}). Views are resolved (storage offset and strides), so every tensor
 * comes back contiguous.
 *
 * <pre>{@code
 * Map<String, TorchTensor> sd = TorchStateDict.read(Path.of("m.pt"));
 * Map<String, Tensor> weights = TorchStateDict.readFloat32(Path.of("m.pt"));
 * }</pre>
 *
 * Any problem is one {@link TorchFormatException} naming the file, the entry or tensor, and the problem.
 */
public final class TorchStateDict {
    private TorchStateDict() {}

    /** The tensors of {@code file} under their state_dict names, in the file's order. */
    public static Map<String, TorchTensor> read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) throw new TorchFormatException(file
                    + " is over 2 GB, too large to import");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TorchFormatException("no such file: " + file);
        } catch (IOException e) {
            throw new TorchFormatException("cannot read " + file + ": " + e.getMessage());
        }
        return read(bytes, file.toString());
    }

    /** As {@link #read(Path)} for bytes in memory; {@code source} names them in errors. */
    public static Map<String, TorchTensor> read(byte[] bytes, String source) {
        if (ZipArchive.looksLikeZip(bytes)) return readZip(bytes, source);
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x80) {
            throw new TorchFormatException(source
                    + " is in PyTorch's legacy (pre-1.6) format, which this reader does not "
                    + "accept: save it again with torch.save in PyTorch 1.6 or later (the zip format)");
        }
        if (bytes.length >= 8 && looksLikeSafeTensors(bytes)) return readSafeTensors(bytes, source);
        throw new TorchFormatException(source + " is neither a PyTorch checkpoint (the zip torch.save writes) "
                + "nor a safetensors file; pass the file torch.save(model.state_dict(), ...) wrote");
    }

    /** Every tensor of {@code file} as float32 (see {@link TorchTensor#toFloat32()}). */
    public static Map<String, dev.rnn4j.tensor.Tensor> readFloat32(Path file) {
        Map<String, dev.rnn4j.tensor.Tensor> out = new LinkedHashMap<>();
        read(file).forEach((name, t) -> out.put(name, t.toFloat32()));
        return out;
    }

    private static boolean looksLikeSafeTensors(byte[] bytes) {
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= bytes.length - 8L && bytes[8] == '{';
    }

    private static Map<String, TorchTensor> readZip(byte[] bytes, String source) {
        ZipArchive zip = ZipArchive.parse(bytes, source);
        List<String> pickles = zip.names().stream().filter(n -> n.matches("[^/]+/data\\.pkl")).toList();
        if (pickles.size() != 1) {
            throw new TorchFormatException(source + " is a zip but not a torch.save checkpoint: it has "
                    + pickles.size()
                    + " entries <archive>/data.pkl, expected 1");
        }
        String prefix = pickles.getFirst().substring(0, pickles.getFirst().length() - "data.pkl".length());
        ByteOrder order = byteOrder(zip, prefix, source);
        Map<String, RestrictedUnpickler.TensorRef> refs = RestrictedUnpickler.load(zip.read(pickles.getFirst()),
                source);
        Map<String, byte[]> storages = new LinkedHashMap<>();
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, RestrictedUnpickler.TensorRef> e : refs.entrySet()) {
            RestrictedUnpickler.StorageRef s = e.getValue().storage();
            String entry = prefix + "data/" + s.key();
            if (!zip.has(entry)) throw new TorchFormatException(source + ": tensor " + e.getKey() + " needs " + entry
                    + ", which is missing");
            byte[] data = storages.computeIfAbsent(entry, zip::read);
            if (s.numel() > Integer.MAX_VALUE || data.length != s.numel() * s.dtype().bytes()) {
                throw new TorchFormatException(source + ": storage " + entry + " has " + data.length + " bytes, but "
                        + s.numel()
                        + " elements of " + s.dtype() + " need " + s.numel() * s.dtype().bytes());
            }
            out.put(e.getKey(), StridedView.gather(e.getKey(), e.getValue(), data, order, source));
        }
        return out;
    }

    private static ByteOrder byteOrder(ZipArchive zip, String prefix, String source) {
        if (!zip.has(prefix + "byteorder")) return ByteOrder.LITTLE_ENDIAN;   // files before PyTorch 1.13 say nothing
        String order = new String(zip.read(prefix + "byteorder"), StandardCharsets.US_ASCII).strip();
        return switch (order) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new TorchFormatException(source + ": byteorder is '" + order
                    + "', expected little or big");
        };
    }

    private static Map<String, TorchTensor> readSafeTensors(byte[] bytes, String source) {
        SafeTensorsFile f = SafeTensors.read(bytes, source);
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (String name : f.names()) {
            String d = f.dtype(name);
            int[] shape = f.shape(name);
            TorchDType dtype = switch (d) {
                case "F64" -> TorchDType.FLOAT64;
                case "F16" -> TorchDType.FLOAT16;
                case "BF16" -> TorchDType.BFLOAT16;
                case "I64" -> TorchDType.INT64;
                case "I32" -> TorchDType.INT32;
                default -> TorchDType.FLOAT32;
            };
            out.put(name, dtype.floating() ? new TorchTensor(dtype, shape, f.tensor(name).data(), null)
                    : new TorchTensor(dtype, shape, null, f.longs(name)));
        }
        return out;
    }
}
