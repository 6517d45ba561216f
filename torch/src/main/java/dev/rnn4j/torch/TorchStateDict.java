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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a PyTorch {@code state_dict} file without Python and without running anything it contains: the zip
 * that {@code torch.save(model.state_dict(), "m.pt")} writes ({@code <archive>/data.pkl} read by the
 * {@link RestrictedUnpickler}, any pickle protocol 2 to 5, storages in {@code <archive>/data/<key>},
 * {@code byteorder}), the legacy format ({@link LegacyTorchFile}), or a safetensors file
 * ({@code safetensors.torch.save_file}). A training checkpoint (a dict of the state_dict, the optimizer's state
 * and plain values) gives its state_dict. Views are resolved (storage offset and strides), so every tensor comes
 * back contiguous.
 *
 * <pre>{@code
 * Map<String, TorchTensor> sd = TorchStateDict.read(Path.of("m.pt"));
 * Map<String, Tensor> weights = TorchStateDict.readFloat32(Path.of("ckpt.pt"), "model_state_dict");
 * }</pre>
 *
 * Any problem is one {@link TorchFormatException} naming the file, the entry or tensor, and the problem.
 */
public final class TorchStateDict {
    private TorchStateDict() {}

    /** The tensors of {@code file} under their state_dict names, in the file's order. */
    public static Map<String, TorchTensor> read(Path file) {
        return read(file, null);
    }

    /**
     * The state_dict in {@code file}, which may also be a training checkpoint, a dict holding the state_dict
     * beside plain values ({@code {'epoch': 3, 'model_state_dict': sd, 'optimizer_state_dict': ...}}).
     *
     * @param key the checkpoint's entry that holds the state_dict; null takes the file itself when it is a
     *            state_dict, or else the checkpoint's only entry that is one
     */
    public static Map<String, TorchTensor> read(Path file, String key) {
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
        return read(bytes, file.toString(), key);
    }

    /** As {@link #read(Path)} for bytes in memory; {@code source} names them in errors. */
    public static Map<String, TorchTensor> read(byte[] bytes, String source) {
        return read(bytes, source, null);
    }

    /** As {@link #read(Path, String)} for bytes in memory; {@code source} names them in errors. */
    public static Map<String, TorchTensor> read(byte[] bytes, String source, String key) {
        if (ZipArchive.looksLikeZip(bytes)) return readZip(bytes, source, key);
        if (LegacyTorchFile.looksLegacy(bytes)) return LegacyTorchFile.read(bytes, source, key);
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x80) {
            throw new TorchFormatException(source + " is a bare pickle, not a file torch.save wrote (neither its "
                    + "zip format nor the legacy one): save the state_dict with torch.save");
        }
        if (bytes.length >= 8 && looksLikeSafeTensors(bytes)) {
            if (key != null) throw new TorchFormatException(source + " is a safetensors file, a state_dict with no "
                    + "checkpoint entries: give no key");
            return readSafeTensors(bytes, source);
        }
        throw new TorchFormatException(source + " is neither a PyTorch checkpoint (the zip torch.save writes) "
                + "nor a safetensors file; pass the file torch.save(model.state_dict(), ...) wrote");
    }

    /** Every tensor of {@code file} as float32 (see {@link TorchTensor#toFloat32()}). */
    public static Map<String, dev.rnn4j.tensor.Tensor> readFloat32(Path file) {
        return readFloat32(file, null);
    }

    /** The state_dict under {@code key} (see {@link #read(Path, String)}) as float32. */
    public static Map<String, dev.rnn4j.tensor.Tensor> readFloat32(Path file, String key) {
        Map<String, dev.rnn4j.tensor.Tensor> out = new LinkedHashMap<>();
        read(file, key).forEach((name, t) -> out.put(name, t.toFloat32()));
        return out;
    }

    private static boolean looksLikeSafeTensors(byte[] bytes) {
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= bytes.length - 8L && bytes[8] == '{';
    }

    private static Map<String, TorchTensor> readZip(byte[] bytes, String source, String key) {
        ZipArchive zip = ZipArchive.parse(bytes, source);
        List<String> pickles = zip.names().stream().filter(n -> n.matches("[^/]+/data\\.pkl")).toList();
        if (pickles.size() != 1) {
            throw new TorchFormatException(source + " is a zip but not a torch.save checkpoint: it has "
                    + pickles.size()
                    + " entries <archive>/data.pkl, expected 1");
        }
        String prefix = pickles.getFirst().substring(0, pickles.getFirst().length() - "data.pkl".length());
        ByteOrder order = byteOrder(zip, prefix, source);
        Object saved = RestrictedUnpickler.load(zip.read(pickles.getFirst()), 0, source).value();
        Map<String, RestrictedUnpickler.TensorRef> refs = StateDictFinder.find(saved, key, source);
        Map<String, byte[]> storages = new HashMap<>();
        return gather(refs, storageKey -> {
            String entry = prefix + "data/" + storageKey;
            return zip.has(entry) ? storages.computeIfAbsent(entry, zip::read) : null;
        }, order, source);
    }

    /** The tensors {@code refs} describe, each copied out of its storage's bytes ({@code storage}: by key, null
     * when missing). */
    static Map<String, TorchTensor> gather(Map<String, RestrictedUnpickler.TensorRef> refs,
            Function<String, byte[]> storage, ByteOrder order, String source) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, RestrictedUnpickler.TensorRef> e : refs.entrySet()) {
            RestrictedUnpickler.StorageRef s = e.getValue().storage();
            byte[] data = storage.apply(s.key());
            if (data == null) throw new TorchFormatException(source + ": tensor " + e.getKey() + " needs storage "
                    + s.key() + ", which is missing");
            if (s.numel() > Integer.MAX_VALUE || data.length != s.numel() * s.dtype().bytes()) {
                throw new TorchFormatException(source + ": storage " + s.key() + " has " + data.length
                        + " bytes, but " + s.numel() + " elements of " + s.dtype() + " need "
                        + s.numel() * s.dtype().bytes());
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
